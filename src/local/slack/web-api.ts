import type { KnownBlock, View } from '@slack/types';
import { checkMessageBlocks, checkView } from './blockkit';
import { type EmulatorCore, SlackApiError } from './core';

/** Arguments of a Web API call: form fields (strings; objects JSON-encoded) or a JSON body. */
export type ApiArgs = Record<string, unknown>;
type Method = (args: ApiArgs, core: EmulatorCore, baseUrl: string) => Record<string, unknown>;

const MAX_TEXT = 40_000;

function json(args: ApiArgs, key: string): unknown {
  const value = args[key];
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new SlackApiError('invalid_arguments', {
      response_metadata: { messages: [`[ERROR] ${key} is not valid JSON`] },
    });
  }
}

const flag = (args: ApiArgs, key: string) => args[key] === true || args[key] === 'true' || args[key] === '1';
const text = (args: ApiArgs, key: string) =>
  typeof args[key] === 'string' ? (args[key] as string) : undefined;

function required(args: ApiArgs, key: string): string {
  const value = text(args, key);
  if (!value)
    throw new SlackApiError('invalid_arguments', {
      response_metadata: { messages: [`[ERROR] missing required field: ${key}`] },
    });
  return value;
}

/** A message's text and blocks, checked the way chat.* checks them. */
function content(args: ApiArgs): { text: string; blocks?: KnownBlock[] } {
  const blocks = json(args, 'blocks');
  const body = text(args, 'text') ?? '';
  if (body.length > MAX_TEXT) throw new SlackApiError('msg_too_long');
  if (blocks === undefined || (Array.isArray(blocks) && blocks.length === 0)) {
    if (!body) throw new SlackApiError('no_text');
    return { text: body };
  }
  const checked = checkMessageBlocks(blocks);
  if (!checked.ok)
    throw new SlackApiError('invalid_blocks', {
      errors: checked.problems,
      response_metadata: { messages: checked.problems },
    });
  return { text: body, blocks: blocks as KnownBlock[] };
}

function view(args: ApiArgs, type?: 'modal' | 'home'): View {
  const value = json(args, 'view');
  const checked = checkView(value);
  if (!checked.ok)
    throw new SlackApiError('invalid_arguments', { response_metadata: { messages: checked.problems } });
  if (type && checked.value.type !== type)
    throw new SlackApiError('invalid_arguments', {
      response_metadata: { messages: [`[ERROR] view type must be ${type} [json-pointer:/view/type]`] },
    });
  return value as View;
}

function checkHash(args: ApiArgs, current: string): void {
  const hash = text(args, 'hash');
  if (hash !== undefined && hash !== current) throw new SlackApiError('hash_conflict');
}

function postable(core: EmulatorCore, channelId: unknown) {
  const channel = core.channel(channelId);
  if (!channel.members.includes(core.workspace.bot.userId)) throw new SlackApiError('not_in_channel');
  return channel;
}

/** The Web API methods the bot uses, with Slack's arguments, answers and errors. */
export const METHODS: Record<string, Method> = {
  'auth.test': (_args, core, baseUrl) => ({
    url: `${baseUrl}/`,
    team: core.workspace.team.name,
    user: core.workspace.bot.name,
    team_id: core.workspace.team.id,
    user_id: core.workspace.bot.userId,
    bot_id: core.workspace.bot.botId,
    is_enterprise_install: false,
  }),

  'chat.postMessage': (args, core) => {
    const channel = postable(core, args.channel);
    const threadTs = text(args, 'thread_ts');
    if (threadTs) {
      const parent = core.workspace.messages.find(
        (message) => message.channel === channel.id && message.ts === threadTs,
      );
      if (!parent) throw new SlackApiError('thread_not_found');
    }
    const message = core.postMessage({
      channel: channel.id,
      user: core.workspace.bot.userId,
      botId: core.workspace.bot.botId,
      ...content(args),
      ...(threadTs ? { threadTs, ...(flag(args, 'reply_broadcast') ? { replyBroadcast: true } : {}) } : {}),
    });
    return { channel: channel.id, ts: message.ts, message: core.messagePayload(message) };
  },

  'chat.update': (args, core) => {
    const channel = core.channel(args.channel);
    const message = core.message(channel.id, args.ts);
    if (message.user !== core.workspace.bot.userId) throw new SlackApiError('cant_update_message');
    const updated = core.updateMessage(message, content(args));
    return { channel: channel.id, ts: updated.ts, text: updated.text, message: core.messagePayload(updated) };
  },

  'chat.postEphemeral': (args, core) => {
    const channel = postable(core, args.channel);
    const user = core.user(args.user);
    if (!channel.members.includes(user.id)) throw new SlackApiError('user_not_in_channel');
    const threadTs = text(args, 'thread_ts');
    const message = core.postEphemeral({
      channel: channel.id,
      user: user.id,
      from: 'bot',
      ...content(args),
      ...(threadTs ? { threadTs } : {}),
    });
    return { message_ts: message.ts };
  },

  'chat.delete': (args, core) => {
    const channel = core.channel(args.channel);
    const message = core.message(channel.id, args.ts);
    if (message.user !== core.workspace.bot.userId) throw new SlackApiError('cant_delete_message');
    core.deleteMessage(message);
    return { channel: channel.id, ts: message.ts };
  },

  'chat.getPermalink': (args, core, baseUrl) => {
    const channel = core.channel(args.channel);
    const message = core.message(channel.id, args.message_ts);
    const thread =
      message.threadTs && message.threadTs !== message.ts
        ? `?thread_ts=${message.threadTs}&cid=${channel.id}`
        : '';
    return {
      channel: channel.id,
      permalink: `${baseUrl}/archives/${channel.id}/p${message.ts.replace('.', '')}${thread}`,
    };
  },

  'views.open': (args, core) => {
    const modal = view(args, 'modal');
    const user = core.consumeTrigger(args.trigger_id ?? args.interactivity_pointer);
    return { view: core.viewPayload(core.openModal(user, modal)) };
  },

  'views.push': (args, core) => {
    const modal = view(args, 'modal');
    const user = core.consumeTrigger(args.trigger_id ?? args.interactivity_pointer);
    return { view: core.viewPayload(core.pushModal(user, modal)) };
  },

  'views.update': (args, core) => {
    const next = view(args);
    const record = core.findView({
      ...(args.view_id !== undefined
        ? { viewId: args.view_id }
        : { externalId: required(args, 'external_id') }),
    });
    checkHash(args, record.hash);
    if (next.type !== record.view.type) throw new SlackApiError('invalid_arguments');
    return { view: core.viewPayload(core.updateView(record, next)) };
  },

  'views.publish': (args, core) => {
    const home = view(args, 'home');
    const user = core.user(args.user_id);
    const existing = core.workspace.homes[user.id];
    if (existing) checkHash(args, existing.hash);
    return { view: core.viewPayload(core.publishHome(user.id, home)) };
  },

  'users.info': (args, core) => {
    const user = core.user(args.user);
    return {
      user: {
        id: user.id,
        team_id: core.workspace.team.id,
        name: user.name,
        real_name: user.realName,
        deleted: false,
        is_bot: user.isBot,
        is_admin: user.isAdmin,
        tz: user.tz,
        profile: { real_name: user.realName, display_name: user.name, real_name_normalized: user.realName },
      },
    };
  },

  'usergroups.users.list': (args, core) => {
    const group = core.workspace.groups.find((candidate) => candidate.id === args.usergroup);
    if (!group) throw new SlackApiError('no_such_subteam');
    return { users: [...group.users] };
  },

  'conversations.info': (args, core) => {
    const channel = core.workspace.channels.find((candidate) => candidate.id === args.channel);
    if (!channel) throw new SlackApiError('channel_not_found');
    return {
      channel: {
        id: channel.id,
        name: channel.name,
        is_channel: !channel.isIm,
        is_group: false,
        is_im: channel.isIm,
        is_private: channel.isIm,
        is_archived: false,
        is_member: channel.members.includes(core.workspace.bot.userId),
        ...(channel.user ? { user: channel.user } : {}),
      },
    };
  },

  'conversations.open': (args, core) => {
    const users = (text(args, 'users') ?? '').split(',').filter(Boolean);
    if (text(args, 'channel')) return { channel: { id: core.channel(args.channel).id } };
    if (users.length !== 1)
      throw new SlackApiError(users.length === 0 ? 'users_list_not_supplied' : 'not_implemented');
    return { channel: { id: core.openDm(users[0]!).id } };
  },
};
