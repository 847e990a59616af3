import type { KnownBlock, View } from '@slack/types';
import { request } from 'undici';
import { signSlackBody } from '../../http/verify';
import { blockElements, checkMessageBlocks, checkView } from './blockkit';
import { type EmulatorCore, SlackApiError } from './core';
import {
  clientErrors,
  type EnteredValue,
  type EnteredValues,
  enteredState,
  enterValues,
  isStateful,
} from './state-values';
import type { SlackMessage, ViewRecord } from './types';

/** The deprecated verification token Slack still puts in payloads. */
const VERIFICATION_TOKEN = 'emulator-verification-token';
/** What Slack shows when a modal submission got no proper answer. */
export const CONNECTION_PROBLEM = 'We had some trouble connecting. Try again?';

/** The bot's answer to an interaction: HTTP status and body (JSON parsed; text as is; empty = undefined). */
export interface BotReply {
  status: number;
  body: unknown;
  /** Set when Slack would count the answer as failed. */
  error?: 'timeout' | 'unreachable' | 'http_error';
}

/** A slash command's outcome, with the trigger id and response URL Slack issued for it. */
export interface CommandResult extends BotReply {
  triggerId: string;
  responseUrl: string;
}

/** What a modal submission led to, as the person sees it. */
export type SubmitOutcome = 'blocked' | 'closed' | 'errors' | 'updated' | 'pushed' | 'cleared' | 'failed';

/** A modal submission's outcome; `blocked` means Slack's client refused to send it (see `errors`). */
export interface SubmitResult extends BotReply {
  outcome: SubmitOutcome;
  /** Field errors shown on the view, by block_id. */
  errors?: Record<string, string>;
}

/** The options an external select got from the bot (none when the query was shorter than min_query_length). */
export interface SuggestResult extends BotReply {
  sent: boolean;
  options: { text: { type: string; text: string }; value: string }[];
}

/** Where a click happens: a message (channel message or the person's ephemeral one) or an open view. */
export type ClickTarget = { channel: string; ts: string } | { viewId: string };

/** How the Slack side reaches the bot: its Request URL, the secret to sign with, and the emulator's own URL. */
export interface Transport {
  botEventsUrl(): string;
  signingSecret: string;
  baseUrl: string;
}

type AnyRecord = Record<string, unknown>;

/** The Slack side of every interaction: signs and POSTs payloads to the bot, and applies its answers. */
export class Interactions {
  constructor(
    private readonly core: EmulatorCore,
    private readonly transport: Transport,
  ) {}

  private get ws() {
    return this.core.workspace;
  }

  private userObject(userId: string) {
    const user = this.core.user(userId);
    return { id: user.id, username: user.name, name: user.name, team_id: this.ws.team.id };
  }

  private common(userId: string) {
    return {
      user: this.userObject(userId),
      api_app_id: this.ws.appId,
      token: VERIFICATION_TOKEN,
      team: { id: this.ws.team.id, domain: this.ws.team.domain },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  /** Signs and POSTs a body exactly as Slack does; never throws for the bot's failures. */
  private async send(
    body: string,
    contentType: string,
    headers: Record<string, string> = {},
  ): Promise<BotReply> {
    const timestamp = String(Math.floor(this.core.now() / 1000));
    try {
      const response = await request(this.transport.botEventsUrl(), {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
          'x-slack-request-timestamp': timestamp,
          'x-slack-signature': signSlackBody(this.transport.signingSecret, timestamp, body),
          ...headers,
        },
        body,
        ...(Number.isFinite(this.core.limits.replyMs)
          ? { signal: AbortSignal.timeout(this.core.limits.replyMs) }
          : {}),
      });
      const text = await response.body.text();
      const isJson = String(response.headers['content-type'] ?? '').includes('application/json');
      const parsed = text === '' ? undefined : isJson ? (JSON.parse(text) as unknown) : text;
      return {
        status: response.statusCode,
        body: parsed,
        ...(response.statusCode === 200 ? {} : { error: 'http_error' }),
      };
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return { status: 0, body: undefined, error: timedOut ? 'timeout' : 'unreachable' };
    }
  }

  private sendPayload(payload: AnyRecord): Promise<BotReply> {
    return this.send(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
    );
  }

  /** A person types `/command text` in a channel. The answer is shown the way Slack shows it. */
  async command(userId: string, command: string, text: string, channelId: string): Promise<CommandResult> {
    const channel = this.core.channel(channelId);
    const user = this.core.user(userId);
    const triggerId = this.core.issueTrigger(user.id);
    const responseUrl = this.core.issueResponseUrl(this.transport.baseUrl, {
      channel: channel.id,
      user: user.id,
    });
    const form = new URLSearchParams({
      token: VERIFICATION_TOKEN,
      team_id: this.ws.team.id,
      team_domain: this.ws.team.domain,
      channel_id: channel.id,
      channel_name: channel.isIm ? 'directmessage' : channel.name,
      user_id: user.id,
      user_name: user.name,
      command,
      text,
      api_app_id: this.ws.appId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    });
    const reply = await this.send(form.toString(), 'application/x-www-form-urlencoded');
    this.showCommandReply(reply, { channel: channel.id, user: user.id, command, text });
    return { ...reply, triggerId, responseUrl };
  }

  private showCommandReply(
    reply: BotReply,
    typed: { channel: string; user: string; command: string; text: string },
  ) {
    const failure = (code: string) =>
      this.core.postEphemeral({
        channel: typed.channel,
        user: typed.user,
        from: 'slackbot',
        text: `${typed.command} failed with the error "${code}"`,
      });
    if (reply.error)
      return failure(
        reply.error === 'timeout'
          ? 'operation_timeout'
          : reply.error === 'unreachable'
            ? 'dispatch_failed'
            : 'http_service_error',
      );
    if (reply.body === undefined) return;
    if (typeof reply.body === 'string')
      return this.core.postEphemeral({
        channel: typed.channel,
        user: typed.user,
        from: 'bot',
        text: reply.body,
      });
    const body = reply.body as AnyRecord;
    const shown = this.shownContent(body);
    if (!shown) return failure('invalid_blocks');
    if (body.response_type === 'in_channel')
      return this.core.postMessage({
        channel: typed.channel,
        user: this.ws.bot.userId,
        botId: this.ws.bot.botId,
        ...shown,
        command: { user: typed.user, text: `${typed.command} ${typed.text}`.trim() },
      });
    return this.core.postEphemeral({ channel: typed.channel, user: typed.user, from: 'bot', ...shown });
  }

  /** The text and blocks of a message-like answer, or undefined when Slack would reject its blocks. */
  shownContent(body: AnyRecord): { text: string; blocks?: KnownBlock[] } | undefined {
    const text = typeof body.text === 'string' ? body.text : '';
    if (body.blocks === undefined) return { text };
    return checkMessageBlocks(body.blocks).ok ? { text, blocks: body.blocks as KnownBlock[] } : undefined;
  }

  private findElement(blocks: KnownBlock[], actionId: string): { block: AnyRecord; element: AnyRecord } {
    for (const block of blocks as unknown as AnyRecord[])
      for (const element of blockElements(block))
        if (element.action_id === actionId) return { block, element };
    throw new Error(`No element with action_id "${actionId}".`);
  }

  private actionOf(block: AnyRecord, element: AnyRecord, choice: EnteredValue | undefined): AnyRecord {
    const base = {
      type: element.type,
      action_id: element.action_id,
      block_id: block.block_id,
      action_ts: this.core.ids.ts(),
    };
    if (element.type === 'button')
      return {
        ...base,
        text: element.text,
        ...(element.value !== undefined ? { value: element.value } : {}),
        ...(element.style ? { style: element.style } : {}),
      };
    if (element.type === 'overflow') {
      const option = (element.options as AnyRecord[]).find((candidate) => candidate.value === choice);
      if (!option) throw new Error(`No overflow option "${String(choice)}" in ${String(element.action_id)}.`);
      return { ...base, selected_option: { text: option.text, value: option.value } };
    }
    if (!isStateful(element) || choice === undefined)
      throw new Error(`Choose a value for ${String(element.action_id)}.`);
    const { type: _type, ...state } = enteredState(element, choice);
    return { ...base, ...state };
  }

  private messageTarget(userId: string, target: { channel: string; ts: string }) {
    const message = this.ws.messages.find(
      (candidate) => candidate.channel === target.channel && candidate.ts === target.ts,
    );
    const ephemeral = message ? undefined : this.core.ephemeral(userId, target.ts);
    if (!message && (!ephemeral || ephemeral.channel !== target.channel))
      throw new Error(`No message ${target.ts} in ${target.channel} that ${userId} can see.`);
    const shown = (message ?? ephemeral)!;
    // Slack puts the thread of a reply in the payload's container (not documented, but sent): the bot answers there.
    const threadTs = shown.threadTs && shown.threadTs !== shown.ts ? shown.threadTs : undefined;
    return { message, blocks: shown.blocks ?? [], ephemeral: !message, threadTs };
  }

  private openView(userId: string, viewId: string): ViewRecord {
    const home = this.ws.homes[userId];
    if (home?.id === viewId) return home;
    const top = this.core.stack(userId).at(-1);
    if (top?.id !== viewId) throw new Error(`View ${viewId} is not the view ${userId} has in front.`);
    return top;
  }

  /**
   * A person clicks a button, picks from a select or overflow menu, or picks a date, in a message or in an open
   * view (`values`: what they typed in the view before clicking). Confirm dialogs count as confirmed.
   */
  async click(
    userId: string,
    target: ClickTarget,
    actionId: string,
    choice?: EnteredValue,
    values: EnteredValues = {},
  ): Promise<BotReply> {
    const triggerId = this.core.issueTrigger(userId);
    if ('viewId' in target) {
      const record = this.openView(userId, target.viewId);
      const blocks = record.view.blocks as KnownBlock[];
      enterValues(blocks, record.values, values);
      const { block, element } = this.findElement(blocks, actionId);
      const action = this.actionOf(block, element, choice);
      if (isStateful(element))
        enterValues(blocks, record.values, { [`${String(block.block_id)}/${actionId}`]: choice ?? null });
      return this.sendPayload({
        type: 'block_actions',
        ...this.common(userId),
        container: { type: 'view', view_id: record.id },
        trigger_id: triggerId,
        view: this.core.viewPayload(record),
        actions: [action],
      });
    }
    const { message, blocks, ephemeral, threadTs } = this.messageTarget(userId, target);
    const { block, element } = this.findElement(blocks, actionId);
    const channel = this.core.channel(target.channel);
    const responseUrl = this.core.issueResponseUrl(this.transport.baseUrl, {
      channel: channel.id,
      user: userId,
      source: { ts: target.ts, ephemeral },
    });
    return this.sendPayload({
      type: 'block_actions',
      ...this.common(userId),
      container: {
        type: 'message',
        message_ts: target.ts,
        channel_id: channel.id,
        is_ephemeral: ephemeral,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      },
      trigger_id: triggerId,
      channel: { id: channel.id, name: channel.isIm ? 'directmessage' : channel.name },
      ...(message ? { message: this.core.messagePayload(message as SlackMessage) } : {}),
      state: { values: {} },
      response_url: responseUrl,
      actions: [this.actionOf(block, element, choice)],
    });
  }

  /**
   * A person submits the modal in front. Slack's client first checks required fields, lengths and number ranges
   * (`lenient` skips that and allows options that do not exist, to send a crafted payload); then the bot's
   * `response_action` is applied as Slack applies it.
   */
  async submit(
    userId: string,
    viewId: string,
    values: EnteredValues = {},
    lenient = false,
  ): Promise<SubmitResult> {
    const record = this.openView(userId, viewId);
    const blocks = record.view.blocks as KnownBlock[];
    enterValues(blocks, record.values, values, lenient);
    record.errors = lenient ? {} : clientErrors(blocks, record.values);
    if (Object.keys(record.errors).length > 0) {
      this.core.emit({ kind: 'view', user: userId, viewId });
      return { status: 0, body: undefined, outcome: 'blocked', errors: record.errors };
    }
    delete record.problem;
    const reply = await this.sendPayload({
      type: 'view_submission',
      ...this.common(userId),
      trigger_id: this.core.issueTrigger(userId),
      view: this.core.viewPayload(record),
      response_urls: [],
    });
    const outcome = this.applySubmission(record, reply);
    return { ...reply, outcome, ...(outcome === 'errors' ? { errors: record.errors } : {}) };
  }

  private applySubmission(record: ViewRecord, reply: BotReply): SubmitOutcome {
    const fail = (): SubmitOutcome => {
      record.problem = CONNECTION_PROBLEM;
      this.core.emit({ kind: 'view', user: record.user, viewId: record.id });
      return 'failed';
    };
    if (reply.error || (reply.body !== undefined && typeof reply.body !== 'object')) return fail();
    const body = (reply.body ?? {}) as AnyRecord;
    const nextView = () => {
      const checked = checkView(body.view);
      return checked.ok && checked.value.type === 'modal' ? (body.view as View) : undefined;
    };
    try {
      switch (body.response_action) {
        case undefined:
          this.core.closeModals(record.user, false);
          return 'closed';
        case 'clear':
          this.core.closeModals(record.user, true);
          return 'cleared';
        case 'errors': {
          const errors = (body.errors ?? {}) as Record<string, string>;
          const inputs = new Set(
            (record.view.blocks as unknown as AnyRecord[])
              .filter((block) => block.type === 'input')
              .map((block) => block.block_id),
          );
          if (Object.keys(errors).length === 0 || Object.keys(errors).some((blockId) => !inputs.has(blockId)))
            return fail();
          record.errors = errors;
          this.core.emit({ kind: 'view', user: record.user, viewId: record.id });
          return 'errors';
        }
        case 'update': {
          const view = nextView();
          if (!view) return fail();
          this.core.updateView(record, view);
          return 'updated';
        }
        case 'push': {
          const view = nextView();
          if (!view) return fail();
          this.core.pushModal(record.user, view);
          return 'pushed';
        }
        default:
          return fail();
      }
    } catch (error) {
      if (error instanceof SlackApiError) return fail();
      throw error;
    }
  }

  /** A person closes the modal in front (Cancel / ×): Slack sends view_closed only when the view asked for it. */
  async close(userId: string, viewId: string): Promise<BotReply | undefined> {
    const record = this.openView(userId, viewId);
    const view = record.view as View & AnyRecord;
    const all = view.clear_on_close === true;
    const payload = {
      type: 'view_closed',
      ...this.common(userId),
      view: this.core.viewPayload(record),
      is_cleared: all,
    };
    this.core.closeModals(userId, all);
    return view.notify_on_close === true ? this.sendPayload(payload) : undefined;
  }

  /** A person types `query` into an external select: Slack asks the bot for options once min_query_length is met (default 3). */
  async suggest(userId: string, viewId: string, actionId: string, query: string): Promise<SuggestResult> {
    const record = this.openView(userId, viewId);
    const { block, element } = this.findElement(record.view.blocks as KnownBlock[], actionId);
    if (!String(element.type).includes('external')) throw new Error(`${actionId} is not an external select.`);
    const minimum = typeof element.min_query_length === 'number' ? element.min_query_length : 3;
    if (query.length < minimum) return { status: 0, body: undefined, sent: false, options: [] };
    const reply = await this.sendPayload({
      type: 'block_suggestion',
      ...this.common(userId),
      container: { type: 'view', view_id: record.id },
      action_id: actionId,
      block_id: block.block_id,
      value: query,
      view: this.core.viewPayload(record),
    });
    const body = (typeof reply.body === 'object' && reply.body !== null ? reply.body : {}) as AnyRecord;
    const groups = Array.isArray(body.option_groups) ? (body.option_groups as AnyRecord[]) : [];
    const options = [
      ...(Array.isArray(body.options) ? body.options : []),
      ...groups.flatMap((group) => group.options as unknown[]),
    ];
    return { ...reply, sent: true, options: options as SuggestResult['options'] };
  }

  /** Sends an Events API event (with retry headers when asked), signed, as Slack does. */
  async event(
    event: AnyRecord,
    options: { retryNum?: number; retryReason?: string; eventId?: string } = {},
  ): Promise<BotReply> {
    const now = this.core.now();
    const envelope = {
      token: VERIFICATION_TOKEN,
      team_id: this.ws.team.id,
      api_app_id: this.ws.appId,
      event: { event_ts: this.core.ids.ts(), ...event },
      type: 'event_callback',
      event_id: options.eventId ?? this.core.ids.id('Ev'),
      event_time: Math.floor(now / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.ws.team.id,
          user_id: this.ws.bot.userId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
    };
    const headers: Record<string, string> = {};
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
    }
    return this.send(JSON.stringify(envelope), 'application/json', headers);
  }

  /** A person opens the bot's App Home tab (app_home_opened). */
  openHome(userId: string): Promise<BotReply> {
    const home = this.ws.homes[userId];
    return this.event({
      type: 'app_home_opened',
      user: this.core.user(userId).id,
      channel: this.core.openDm(userId).id,
      tab: 'home',
      ...(home ? { view: this.core.viewPayload(home) } : {}),
    });
  }

  /** A POST to a response URL: replace or delete the source message, or post a new one (ephemeral by default). */
  respond(id: string, body: AnyRecord): { status: number; body: AnyRecord } {
    const target = this.core.useResponseUrl(id);
    if (!target) return { status: 404, body: { ok: false, error: 'expired_url' } };
    const source = target.source;
    const ephemeral = source?.ephemeral ? this.core.ephemeral(target.user, source.ts) : undefined;
    const message =
      source && !source.ephemeral
        ? this.ws.messages.find(
            (candidate) => candidate.channel === target.channel && candidate.ts === source.ts,
          )
        : undefined;
    if (body.delete_original === true || body.delete_original === 'true') {
      if (ephemeral) this.core.replaceEphemeral(ephemeral);
      else if (message) this.core.deleteMessage(message);
      return { status: 200, body: { ok: true } };
    }
    const shown = this.shownContent(body);
    if (!shown) return { status: 400, body: { ok: false, error: 'invalid_blocks' } };
    if ((body.replace_original === true || body.replace_original === 'true') && (ephemeral || message)) {
      if (ephemeral) this.core.replaceEphemeral(ephemeral, shown);
      else this.core.updateMessage(message!, shown);
      return { status: 200, body: { ok: true } };
    }
    const threadTs = typeof body.thread_ts === 'string' ? { threadTs: body.thread_ts } : {};
    if (body.response_type === 'in_channel')
      this.core.postMessage({
        channel: target.channel,
        user: this.ws.bot.userId,
        botId: this.ws.bot.botId,
        ...shown,
        ...threadTs,
      });
    else
      this.core.postEphemeral({
        channel: target.channel,
        user: target.user,
        from: 'bot',
        ...shown,
        ...threadTs,
      });
    return { status: 200, body: { ok: true } };
  }
}
