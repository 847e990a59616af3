import type { KnownBlock, View } from '@slack/types';
import { blockElements } from './blockkit';
import { Ids } from './ids';
import { seedWorkspace } from './seed';
import { initialValues } from './state-values';
import type {
  EphemeralMessage,
  SlackChannel,
  SlackMessage,
  SlackUser,
  ViewRecord,
  Workspace,
  WorkspaceChange,
} from './types';

/** A Web API failure as Slack reports it: `{ ok: false, error, ...extra }`. */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
    this.name = 'SlackApiError';
  }
}

/** Trigger ids live 3 seconds and can be exchanged once (Slack's rule for views.open/push). */
export const TRIGGER_TTL_MS = 3_000;
/** Slack waits this long for the bot's answer to any interaction. */
export const REPLY_TIMEOUT_MS = 3_000;

/**
 * Slack's wall-clock limits, which the emulator enforces by default: how long it waits for the bot's answer, and
 * how long a trigger id lives. Infinity = no limit.
 */
export interface TimeLimits {
  replyMs: number;
  triggerMs: number;
}

/** The limits Slack has. */
export const SLACK_TIME_LIMITS: TimeLimits = { replyMs: REPLY_TIMEOUT_MS, triggerMs: TRIGGER_TTL_MS };
/**
 * No limits: for tests that are not about them. How fast the bot answers is measured by `npm run bench`; a test
 * that also raced Slack's 3 seconds would fail whenever the machine is busy, whatever the bot does.
 */
export const NO_TIME_LIMITS: TimeLimits = {
  replyMs: Number.POSITIVE_INFINITY,
  triggerMs: Number.POSITIVE_INFINITY,
};
/** Response URLs live 30 minutes and take at most 5 responses. */
export const RESPONSE_URL_TTL_MS = 30 * 60_000;
const RESPONSE_URL_USES = 5;
/** Slack allows a root view plus 2 pushed views. */
export const MAX_VIEW_STACK = 3;

/** Where a response_url posts: the conversation, for whom, and the message it came from (if any). */
export interface ResponseTarget {
  channel: string;
  user: string;
  /** The message an action came from, so `replace_original` / `delete_original` can act on it. */
  source?: { ts: string; ephemeral: boolean };
}

interface Trigger {
  user: string;
  issuedAt: number;
  used: boolean;
}

/** The emulator's state and the operations both the Web API and the interactions use. */
export class EmulatorCore {
  readonly workspace: Workspace = seedWorkspace();
  readonly ids: Ids;
  private readonly listeners = new Set<(change: WorkspaceChange) => void>();
  private readonly triggers = new Map<string, Trigger>();
  private readonly responseUrls = new Map<string, ResponseTarget & { issuedAt: number; uses: number }>();

  constructor(
    readonly now: () => number,
    readonly limits: TimeLimits = SLACK_TIME_LIMITS,
  ) {
    this.ids = new Ids(now);
  }

  /** Tells every listener what changed. */
  emit(change: WorkspaceChange): void {
    for (const listener of this.listeners) listener(change);
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  on(listener: (change: WorkspaceChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A person (or the bot) by id; Slack's `user_not_found` otherwise. */
  user(id: unknown): SlackUser {
    const user = this.workspace.users.find((candidate) => candidate.id === id);
    if (!user) throw new SlackApiError('user_not_found');
    return user;
  }

  /** A channel by id or name (`#platform-requests`); a user id stands for the DM with that user (as chat.postMessage allows). */
  channel(id: unknown): SlackChannel {
    if (typeof id === 'string' && /^[UW]/.test(id) && this.workspace.users.some((user) => user.id === id))
      return this.openDm(id);
    const name = typeof id === 'string' ? id.replace(/^#/, '') : undefined;
    const channel = this.workspace.channels.find(
      (candidate) => candidate.id === id || (!candidate.isIm && candidate.name === name),
    );
    if (!channel) throw new SlackApiError('channel_not_found');
    return channel;
  }

  /** The bot's DM with a person, created on first use. */
  openDm(userId: string): SlackChannel {
    this.user(userId);
    const existing = this.workspace.channels.find((channel) => channel.isIm && channel.user === userId);
    if (existing) return existing;
    const dm: SlackChannel = {
      id: this.ids.id('D'),
      name: userId,
      isIm: true,
      members: [userId, this.workspace.bot.userId],
      user: userId,
    };
    this.workspace.channels.push(dm);
    return dm;
  }

  /** A fresh trigger id for an interaction by `user`. */
  issueTrigger(user: string): string {
    const id = this.ids.triggerId();
    this.triggers.set(id, { user, issuedAt: this.now(), used: false });
    return id;
  }

  /** Exchanges a trigger id (views.open/push); returns the user it was issued for. */
  consumeTrigger(id: unknown): string {
    const trigger = typeof id === 'string' ? this.triggers.get(id) : undefined;
    if (!trigger) throw new SlackApiError('invalid_trigger_id');
    if (trigger.used) throw new SlackApiError('exchanged_trigger_id');
    if (this.now() - trigger.issuedAt > this.limits.triggerMs) throw new SlackApiError('expired_trigger_id');
    trigger.used = true;
    return trigger.user;
  }

  /** A response URL served by the emulator for one interaction. */
  issueResponseUrl(baseUrl: string, target: ResponseTarget): string {
    const id = this.ids.id('R', 16);
    this.responseUrls.set(id, { ...target, issuedAt: this.now(), uses: 0 });
    return `${baseUrl}/response/${id}`;
  }

  /** Uses a response URL once; undefined when unknown, expired or used up. */
  useResponseUrl(id: string): ResponseTarget | undefined {
    const target = this.responseUrls.get(id);
    if (!target || this.now() - target.issuedAt > RESPONSE_URL_TTL_MS || target.uses >= RESPONSE_URL_USES)
      return undefined;
    target.uses += 1;
    return target;
  }

  /** Fills in block ids and action ids Slack generates when the bot leaves them out. */
  withIds(blocks: KnownBlock[]): KnownBlock[] {
    return blocks.map((original) => {
      const block = structuredClone(original) as KnownBlock & Record<string, unknown>;
      block.block_id ??= this.ids.id('', 5);
      for (const element of blockElements(block)) element.action_id ??= this.ids.id('', 5);
      return block;
    });
  }

  private withBlockIds(content: { blocks?: KnownBlock[] }): { blocks?: KnownBlock[] } {
    return content.blocks ? { blocks: this.withIds(content.blocks) } : {};
  }

  /** A channel message by its ts; Slack's `message_not_found` otherwise. */
  message(channel: string, ts: unknown): SlackMessage {
    const message = this.workspace.messages.find(
      (candidate) => candidate.channel === channel && candidate.ts === ts,
    );
    if (!message) throw new SlackApiError('message_not_found');
    return message;
  }

  /** Posts a message (or a thread reply) and keeps the parent's reply count as Slack shows it. */
  postMessage(message: Omit<SlackMessage, 'ts'>): SlackMessage {
    const posted: SlackMessage = { ...message, ...this.withBlockIds(message), ts: this.ids.ts() };
    if (message.threadTs) {
      const parent = this.message(message.channel, message.threadTs);
      parent.threadTs = parent.ts;
      parent.replyCount = (parent.replyCount ?? 0) + 1;
    }
    this.workspace.messages.push(posted);
    this.emit({ kind: 'message', channel: posted.channel, ts: posted.ts });
    return posted;
  }

  /** Replaces a message's text and blocks (chat.update, replace_original). */
  updateMessage(message: SlackMessage, content: { text: string; blocks?: KnownBlock[] }): SlackMessage {
    message.text = content.text;
    if (content.blocks) message.blocks = this.withIds(content.blocks);
    else delete message.blocks;
    message.editedTs = this.ids.ts();
    this.emit({ kind: 'message', channel: message.channel, ts: message.ts });
    return message;
  }

  /** Removes a message (chat.delete, delete_original). */
  deleteMessage(message: SlackMessage): void {
    this.workspace.messages = this.workspace.messages.filter((candidate) => candidate !== message);
    this.emit({ kind: 'message', channel: message.channel, ts: message.ts });
  }

  /** Shows a message to one person only (chat.postEphemeral, ephemeral answers). */
  postEphemeral(message: Omit<EphemeralMessage, 'ts'>): EphemeralMessage {
    const posted: EphemeralMessage = { ...message, ...this.withBlockIds(message), ts: this.ids.ts() };
    this.workspace.ephemerals.push(posted);
    this.emit({ kind: 'ephemeral', user: posted.user, ts: posted.ts });
    return posted;
  }

  /** One of a person's ephemeral messages by its ts. */
  ephemeral(user: string, ts: string): EphemeralMessage | undefined {
    return this.workspace.ephemerals.find((message) => message.user === user && message.ts === ts);
  }

  /** Replaces (or, with no content, removes) an ephemeral message, as a response URL can. */
  replaceEphemeral(message: EphemeralMessage, content?: { text: string; blocks?: KnownBlock[] }): void {
    if (content) {
      message.text = content.text;
      if (content.blocks) message.blocks = this.withIds(content.blocks);
      else delete message.blocks;
    } else this.workspace.ephemerals = this.workspace.ephemerals.filter((candidate) => candidate !== message);
    this.emit({ kind: 'ephemeral', user: message.user, ts: message.ts });
  }

  /** The person's open modals, bottom first. */
  stack(user: string): ViewRecord[] {
    return this.workspace.modals[user] ?? [];
  }

  /** A modal or Home view by id or external id. */
  findView(by: { viewId?: unknown; externalId?: unknown }): ViewRecord {
    const all = [...Object.values(this.workspace.modals).flat(), ...Object.values(this.workspace.homes)];
    const found = all.find((record) =>
      by.viewId !== undefined ? record.id === by.viewId : record.view.external_id === by.externalId,
    );
    if (!found) throw new SlackApiError('not_found');
    return found;
  }

  private checkExternalId(view: View, except?: ViewRecord): void {
    if (view.external_id === undefined) return;
    const all = [...Object.values(this.workspace.modals).flat(), ...Object.values(this.workspace.homes)];
    if (all.some((record) => record !== except && record.view.external_id === view.external_id))
      throw new SlackApiError('duplicate_external_id');
  }

  private newRecord(user: string, view: View, under?: ViewRecord): ViewRecord {
    this.checkExternalId(view);
    const id = this.ids.id('V');
    const stored = { ...view, blocks: this.withIds(view.blocks as KnownBlock[]) } as View;
    return {
      id,
      user,
      view: stored,
      hash: this.ids.hash(),
      rootViewId: under?.rootViewId ?? id,
      ...(under ? { previousViewId: under.id } : {}),
      values: initialValues(stored.blocks as KnownBlock[]),
      errors: {},
    };
  }

  /** views.open: a new modal replaces whatever the person had open. */
  openModal(user: string, view: View): ViewRecord {
    const record = this.newRecord(user, view);
    this.workspace.modals[user] = [record];
    this.emit({ kind: 'view', user, viewId: record.id });
    return record;
  }

  /** views.push / response_action push: a view on top of the stack (at most 3). */
  pushModal(user: string, view: View): ViewRecord {
    const stack = this.stack(user);
    const top = stack.at(-1);
    if (!top) throw new SlackApiError('not_found');
    if (stack.length >= MAX_VIEW_STACK) throw new SlackApiError('push_limit_reached');
    const record = this.newRecord(user, view, top);
    stack.push(record);
    this.emit({ kind: 'view', user, viewId: record.id });
    return record;
  }

  /**
   * views.update / response_action update: same id, new hash, errors cleared; what the person entered is kept for
   * elements whose block_id and action_id (and type) are unchanged, as Slack does.
   */
  updateView(record: ViewRecord, view: View): ViewRecord {
    this.checkExternalId(view, record);
    const stored = { ...view, blocks: this.withIds(view.blocks as KnownBlock[]) } as View;
    const fresh = initialValues(stored.blocks as KnownBlock[]);
    for (const [blockId, actions] of Object.entries(fresh))
      for (const [actionId, value] of Object.entries(actions)) {
        const previous = record.values[blockId]?.[actionId];
        if (previous && previous.type === value.type) actions[actionId] = previous;
      }
    record.view = stored;
    record.values = fresh;
    record.hash = this.ids.hash();
    record.errors = {};
    delete record.problem;
    this.emit({ kind: 'view', user: record.user, viewId: record.id });
    return record;
  }

  /** views.publish: the person's App Home tab. */
  publishHome(user: string, view: View): ViewRecord {
    const existing = this.workspace.homes[user];
    if (existing) return this.updateView(existing, view);
    const record = this.newRecord(user, view);
    this.workspace.homes[user] = record;
    this.emit({ kind: 'view', user, viewId: record.id });
    return record;
  }

  /** Closes the top modal (or the whole stack). */
  closeModals(user: string, all: boolean): ViewRecord[] {
    const stack = this.stack(user);
    const closed = all ? stack.splice(0) : stack.splice(-1);
    if (stack.length === 0) delete this.workspace.modals[user];
    for (const record of closed) this.emit({ kind: 'view', user, viewId: record.id });
    return closed;
  }

  /** A view as Slack's API and payloads show it. */
  viewPayload(record: ViewRecord): Record<string, unknown> {
    const view = record.view as View & Record<string, unknown>;
    return {
      id: record.id,
      team_id: this.workspace.team.id,
      type: view.type,
      blocks: view.blocks,
      private_metadata: view.private_metadata ?? '',
      callback_id: view.callback_id ?? '',
      state: { values: record.values },
      hash: record.hash,
      title: view.title ?? null,
      clear_on_close: view.clear_on_close ?? false,
      notify_on_close: view.notify_on_close ?? false,
      close: view.close ?? null,
      submit: view.submit ?? null,
      previous_view_id: record.previousViewId ?? null,
      root_view_id: record.rootViewId,
      app_id: this.workspace.appId,
      external_id: view.external_id ?? '',
      app_installed_team_id: this.workspace.team.id,
      bot_id: this.workspace.bot.botId,
    };
  }

  /** A message as Slack's API and payloads show it. */
  messagePayload(message: SlackMessage): Record<string, unknown> {
    const fromBot = message.user === this.workspace.bot.userId;
    return {
      type: 'message',
      ...(fromBot ? { bot_id: this.workspace.bot.botId, app_id: this.workspace.appId } : {}),
      user: message.user,
      text: message.text,
      ts: message.ts,
      team: this.workspace.team.id,
      ...(message.blocks ? { blocks: message.blocks } : {}),
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      ...(message.replyCount ? { reply_count: message.replyCount } : {}),
      ...(message.editedTs ? { edited: { user: message.user, ts: message.editedTs } } : {}),
    };
  }
}
