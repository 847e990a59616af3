import type { KnownBlock } from '@slack/types';
import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';

/** A message the bot posts or updates: text for notifications and screen readers, blocks for the layout. */
export interface BotMessage {
  text: string;
  blocks?: KnownBlock[];
}

/**
 * Posts in the cluster's thread — the replies under its "request submitted" message — or, when that message
 * could not be posted, in the request's channel. `broadcast` also shows the reply in the channel (milestones).
 * Resolves to the new message's ts.
 */
export async function postInThread(
  deps: Pick<Deps, 'slack'>,
  record: Pick<ClusterRecord, 'slack'>,
  message: BotMessage,
  options: { broadcast?: boolean } = {},
): Promise<string | undefined> {
  const { channel, threadTs } = record.slack;
  // Slack refuses an empty `blocks` list: a text-only message leaves it out.
  const content = message.blocks
    ? { channel, text: message.text, blocks: message.blocks, unfurl_links: false }
    : { channel, text: message.text, unfurl_links: false };
  const posted = await deps.slack.chat.postMessage(
    threadTs ? { ...content, thread_ts: threadTs, reply_broadcast: options.broadcast ?? false } : content,
  );
  return posted.ts;
}

/** Replaces a message the bot posted earlier (a card, the status message, a notice). */
export async function updateMessage(
  deps: Pick<Deps, 'slack'>,
  place: { channel: string; ts: string },
  message: BotMessage,
): Promise<void> {
  await deps.slack.chat.update({
    channel: place.channel,
    ts: place.ts,
    text: message.text,
    // An update without blocks replaces them with the text alone.
    blocks: message.blocks ?? [{ type: 'section', text: { type: 'mrkdwn', text: message.text } }],
  });
}
