import type { KnownBlock } from '@slack/types';
import type { EphemeralMessage, SharedFile, SlackMessage } from '../../types';
import type { PageState } from '../state';
import { renderBlocks } from './blocks';
import { h } from './dom';
import type { Surface } from './surface';
import { mrkdwn } from './text';

/** A message as the page lists it: a channel message, or an ephemeral one only this person sees. */
export type ListedMessage =
  | { ephemeral: false; message: SlackMessage }
  | { ephemeral: true; message: EphemeralMessage };

/** How a message is drawn: its surface for buttons, and whether to offer its thread. */
export interface MessageOptions {
  state: PageState;
  surface: Surface;
  /** In the channel pane: opens the message's thread. */
  openThread?: (message: SlackMessage) => void;
  /** Continues the previous message's run (same author, minutes apart): drawn without name and picture. */
  compact?: boolean;
}

/** Slack draws a run of messages from one author, each within this many seconds, under one name. */
const RUN_SECONDS = 300;

/** Whether `listed` continues the run of `previous` (ephemeral and command answers always stand alone). */
export function continuesRun(previous: ListedMessage | undefined, listed: ListedMessage): boolean {
  if (!previous || previous.ephemeral || listed.ephemeral) return false;
  if (listed.message.command || listed.message.replyBroadcast) return false;
  return (
    previous.message.user === listed.message.user &&
    Number(listed.message.ts) - Number(previous.message.ts) < RUN_SECONDS
  );
}

const time = (ts: string) =>
  new Date(Number(ts) * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function author(listed: ListedMessage, state: PageState): { name: string; app: boolean } {
  if (listed.ephemeral)
    return listed.message.from === 'slackbot'
      ? { name: 'Slackbot', app: false }
      : { name: state.bot.name, app: true };
  const user = listed.message.user;
  if (user === state.bot.userId) return { name: state.bot.name, app: true };
  return { name: state.directory.users[user] ?? user, app: false };
}

/** Orders messages as Slack does: by timestamp. */
export function byTs(a: ListedMessage, b: ListedMessage): number {
  return Number(a.message.ts) - Number(b.message.ts);
}

/** Draws one message with its author, time, content and (in the channel) its thread link. */
export function renderMessage(listed: ListedMessage, options: MessageOptions): HTMLElement {
  const { message } = listed;
  const who = author(listed, options.state);
  const directory = options.state.directory;
  const channelMessage = listed.ephemeral ? undefined : listed.message;
  const replies = channelMessage?.replyCount ?? 0;
  const isReply = Boolean(message.threadTs && message.threadTs !== message.ts);
  const posted = h(
    'time',
    { attrs: { datetime: new Date(Number(message.ts) * 1000).toISOString() } },
    time(message.ts),
  );
  const edited = channelMessage?.editedTs ? h('span', { class: 'edited' }, '(edited)') : null;
  return h(
    'article',
    {
      class: `message${listed.ephemeral ? ' ephemeral' : ''}${options.compact ? ' compact' : ''}`,
      attrs: {
        'data-ts': message.ts,
        'data-channel': message.channel,
        'aria-label': `${who.name} ${time(message.ts)}`,
      },
    },
    options.compact
      ? h('div', { class: 'avatar-space' }, posted)
      : h(
          'div',
          { class: `avatar${who.app ? ' app' : ''}`, attrs: { 'aria-hidden': 'true' } },
          who.name.slice(0, 1).toUpperCase(),
        ),
    h(
      'div',
      { class: 'message-body' },
      options.compact
        ? null
        : h(
            'div',
            { class: 'message-meta' },
            h('span', { class: 'author' }, who.name),
            who.app ? h('span', { class: 'badge' }, 'APP') : null,
            posted,
            edited,
            listed.ephemeral ? h('span', { class: 'only-you' }, '👁 Only visible to you') : null,
          ),
      channelMessage?.command
        ? h(
            'div',
            { class: 'command-echo' },
            `${directory.users[channelMessage.command.user] ?? channelMessage.command.user} used `,
            h('code', {}, channelMessage.command.text),
          )
        : null,
      channelMessage?.replyBroadcast && isReply && options.openThread
        ? h('div', { class: 'broadcast' }, 'replied to a thread')
        : null,
      h(
        'div',
        { class: 'message-content' },
        message.blocks?.length
          ? renderBlocks(message.blocks as KnownBlock[], options.surface)
          : h('div', { class: 'message-text' }, mrkdwn(message.text, directory)),
      ),
      channelMessage?.files?.length ? renderFiles(channelMessage.files) : null,
      options.compact ? edited : null,
      replies > 0 && options.openThread && channelMessage
        ? h(
            'button',
            {
              class: 'thread-link',
              attrs: { type: 'button', 'data-thread-ts': message.ts },
              on: { click: () => options.openThread?.(channelMessage) },
            },
            `${replies} ${replies === 1 ? 'reply' : 'replies'}`,
          )
        : null,
    ),
  );
}

/** Files shared with a message (the upload flow), as Slack shows them: a card per file that downloads it. */
function renderFiles(files: readonly SharedFile[]): HTMLElement {
  return h(
    'div',
    { class: 'files' },
    ...files.map((file) =>
      h(
        'a',
        { class: 'file', attrs: { href: `/files/${encodeURIComponent(file.id)}`, download: file.name } },
        h('span', { class: 'file-icon', attrs: { 'aria-hidden': 'true' } }, '📄'),
        h('span', { class: 'file-name' }, file.name),
        h('span', { class: 'file-meta' }, `${file.title} · ${file.size} bytes`),
      ),
    ),
  );
}
