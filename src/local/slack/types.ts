import type { KnownBlock, View } from '@slack/types';

/** A person (or the bot) in the emulated workspace. */
export interface SlackUser {
  id: string;
  /** The handle (`@riley`). */
  name: string;
  realName: string;
  isBot: boolean;
  isAdmin: boolean;
  tz: string;
}

/** A user group (`@cluster-approvers`), mentioned as `<!subteam^S…>`. */
export interface SlackGroup {
  id: string;
  handle: string;
  name: string;
  users: string[];
}

/** A channel or a DM (`D…`, `isIm`). */
export interface SlackChannel {
  id: string;
  name: string;
  isIm: boolean;
  /** User ids, the bot's included when it is a member. */
  members: string[];
  /** For DMs: the person the bot talks to. */
  user?: string;
}

/** A message in a channel or a thread, as conversations.history would show it. */
export interface SlackMessage {
  channel: string;
  ts: string;
  /** Set on replies (and on a parent once it has replies, as Slack does). */
  threadTs?: string;
  /** Author: the bot's user id or a person's. */
  user: string;
  botId?: string;
  text: string;
  blocks?: KnownBlock[];
  replyCount?: number;
  replyBroadcast?: boolean;
  editedTs?: string;
  /** An in_channel slash command answer shows the command the person typed. */
  command?: { user: string; text: string };
  /** Files shared with the message (files.completeUploadExternal); their content stays in the emulator. */
  files?: SharedFile[];
}

/** A file as a message shows it: its id, name, title and size (the content is fetched separately). */
export interface SharedFile {
  id: string;
  name: string;
  title: string;
  size: number;
}

/** A message only one person sees ("Only visible to you"). */
export interface EphemeralMessage {
  channel: string;
  ts: string;
  /** Who sees it. */
  user: string;
  threadTs?: string;
  text: string;
  blocks?: KnownBlock[];
  /** `slackbot` for Slack's own notices (e.g. a command that failed). */
  from: 'bot' | 'slackbot';
}

/** A modal or App Home view as Slack keeps it. */
export interface ViewRecord {
  id: string;
  user: string;
  /** The view the bot sent (title, blocks, private_metadata, callback_id…). */
  view: View;
  hash: string;
  rootViewId: string;
  previousViewId?: string;
  /** What the person has entered so far, as `view.state.values` carries it. */
  values: StateValues;
  /** Field errors Slack shows under input blocks (from `response_action: errors` or Slack's own checks). */
  errors: Record<string, string>;
  /** Slack's banner when the bot did not answer properly ("We had some trouble connecting"). */
  problem?: string;
}

/** One element's state, as in `view.state.values[block_id][action_id]`. */
export interface StateValue {
  type: string;
  value?: string | null;
  selected_option?: SelectedOption | null;
  selected_options?: SelectedOption[];
  selected_date?: string | null;
  selected_time?: string | null;
  selected_date_time?: number | null;
  selected_user?: string | null;
  selected_users?: string[];
  selected_conversation?: string | null;
  selected_conversations?: string[];
  selected_channel?: string | null;
  selected_channels?: string[];
}
export type StateValues = Record<string, Record<string, StateValue>>;

/** An option as Slack reports a choice. */
export interface SelectedOption {
  text: { type: 'plain_text' | 'mrkdwn'; text: string; emoji?: boolean };
  value: string;
}

/** A Web API call the bot made, with Slack's answer. */
export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  ok: boolean;
  error?: string;
  /** HTTP status (200, or 429 for an injected rate limit). */
  status: number;
  at: number;
}

/** The whole emulated workspace: read it in tests and by the playground page; the emulator changes it. */
export interface Workspace {
  team: { id: string; domain: string; name: string };
  appId: string;
  bot: { userId: string; botId: string; name: string };
  users: SlackUser[];
  groups: SlackGroup[];
  channels: SlackChannel[];
  messages: SlackMessage[];
  ephemerals: EphemeralMessage[];
  /** Each person's open modal stack, bottom first (at most 3). */
  modals: Record<string, ViewRecord[]>;
  /** Each person's App Home tab, once published. */
  homes: Record<string, ViewRecord>;
  calls: ApiCall[];
}

/** What changed, for live UIs and `waitFor`. */
export type WorkspaceChange =
  | { kind: 'message'; channel: string; ts: string }
  | { kind: 'ephemeral'; user: string; ts: string }
  | { kind: 'view'; user: string; viewId: string }
  | { kind: 'call'; method: string };
