import { Hono } from 'hono';
import { decodeSlackBody } from '../../http/parse';
import { type RunningServer, serveHttp } from '../../http/serve';
import { limitOf, SlidingWindows } from '../../slack/limits';
import { EmulatorCore, SLACK_TIME_LIMITS, SlackApiError, type TimeLimits } from './core';
import { FileStore } from './files';
import {
  type BotReply,
  type ClickTarget,
  type CommandResult,
  Interactions,
  type SubmitResult,
  type SuggestResult,
} from './interactions';
import { SEED_CHANNELS, SEED_GROUPS, SEED_USERS, type SeedRole } from './seed';
import type { EnteredValue, EnteredValues } from './state-values';
import type {
  ApiCall,
  EphemeralMessage,
  SlackMessage,
  ViewRecord,
  Workspace,
  WorkspaceChange,
} from './types';
import { type ApiArgs, METHODS } from './web-api';

export { NO_TIME_LIMITS, SLACK_TIME_LIMITS, type TimeLimits } from './core';

/** How to start the emulator. */
export interface SlackEmulatorOptions {
  signingSecret: string;
  /** The bot token the Web API accepts (`Authorization: Bearer …`). */
  botToken: string;
  port?: number;
  /** The bot's Request URL (`…/slack/events`); can be set later with `setBotEventsUrl`. */
  botEventsUrl?: string;
  /** Milliseconds since the epoch: signs requests and ages trigger ids and response URLs. */
  now?: () => number;
  /** Adds routes to the emulator's server before it starts (e.g. the playground page). */
  extend?: (app: Hono) => void;
  /** Slack's 3-second limits (the default), or none (`NO_TIME_LIMITS`: tests that are not about them). */
  timeLimits?: TimeLimits;
  /**
   * Slack's rate limits (src/slack/limits.ts): each method's tier per workspace and chat.postMessage's pace per
   * channel, answered with 429 and Retry-After beyond them, by the wall clock. Off unless asked for;
   * `windowScale` shrinks every window alike (tests of the pacing that cannot wait a minute).
   */
  rateLimits?: boolean | { windowScale: number };
}

/** A failure to inject into the next call of a Web API method. */
export type InjectedFailure = { status: 429; retryAfter: number } | { error: string };

/** A fake Slack workspace on loopback: the Web API the bot calls, and the people who use the bot. */
export interface SlackEmulator {
  /** The emulator's base URL (`http://127.0.0.1:port`). */
  url: string;
  /** The Web API base for SLACK_API_URL (ends in `/api/`). */
  apiUrl: string;
  setBotEventsUrl(url: string): void;
  /** Seeded people by role (user ids). */
  users: Record<SeedRole, string>;
  /** Seeded user groups: approvers (approver + approver2), admins (admin). */
  groups: typeof SEED_GROUPS;
  /** Seeded channels: #platform-requests, #cluster-approvals (bot in both), #random (bot not in). */
  channels: typeof SEED_CHANNELS;
  /** The bot's ids (SLACK_BOT_USER_ID, SLACK_BOT_ID). */
  bot: { userId: string; botId: string };
  /** The live state; read it, do not change it. */
  workspace: Workspace;

  /** A person types a slash command (in #platform-requests unless `channel`). */
  command(
    user: string,
    command: string,
    text: string,
    options?: { channel?: string },
  ): Promise<CommandResult>;
  /** A person clicks or picks in a message (`{ channel, ts }`) or an open view (`{ viewId }`). */
  click(
    user: string,
    target: ClickTarget,
    actionId: string,
    choice?: EnteredValue,
    values?: EnteredValues,
  ): Promise<BotReply>;
  /** A person submits the modal in front; `lenient` sends it even if Slack's client would refuse (crafted payload). */
  submit(
    user: string,
    viewId: string,
    values?: EnteredValues,
    options?: { lenient?: boolean },
  ): Promise<SubmitResult>;
  /** A person closes the modal in front with Cancel/× (view_closed is sent when the view has notify_on_close). */
  dismiss(user: string, viewId: string): Promise<BotReply | undefined>;
  /** A person types into an external select. */
  suggest(user: string, viewId: string, actionId: string, query: string): Promise<SuggestResult>;
  /** Sends an Events API event (optionally as a retry). */
  event(
    event: Record<string, unknown>,
    options?: { retryNum?: number; retryReason?: string; eventId?: string },
  ): Promise<BotReply>;
  /** A person opens the App Home tab. */
  openHome(user: string): Promise<BotReply>;

  /** A channel's messages, oldest first; with `threadTs`, the thread (parent first, as conversations.replies). */
  messages(channel: string, options?: { threadTs?: string }): SlackMessage[];
  /** What only this person sees, oldest first. */
  ephemerals(user: string, options?: { channel?: string }): EphemeralMessage[];
  /** The person's open modals, bottom first (the last one is in front). */
  views(user: string): ViewRecord[];
  /** The person's App Home tab, once published. */
  home(user: string): ViewRecord | undefined;
  /** Web API calls the bot made, oldest first (optionally of one method). */
  calls(method?: string): ApiCall[];
  /** Makes the next call of `method` fail: a 429 with Retry-After, or Slack's `ok: false` error. */
  failNext(method: string, failure: InjectedFailure): void;
  /** Calls refused for going over Slack's rate limits (with `rateLimits`), by method; injected 429s not counted. */
  rateLimited(): Record<string, number>;
  /**
   * Resolves with the predicate's first truthy answer, checked now and on every change. There is no deadline of
   * its own (the test's timeout is the one deadline); it rejects if the emulator closes first.
   */
  waitFor<T>(predicate: (workspace: Workspace) => T | undefined | null | false): Promise<T>;
  /** Subscribes to changes (for live UIs); returns the unsubscribe function. */
  on(listener: (change: WorkspaceChange) => void): () => void;
  /** The content of a file shared through the upload flow (the person's download), if there is one. */
  fileContent(id: string): string | undefined;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Form fields Slack takes as JSON strings; decoded once, for the method and for the record tests read. */
const JSON_FIELDS = ['blocks', 'view', 'attachments', 'metadata'];

async function readArgs(request: Request): Promise<ApiArgs> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  if (request.method !== 'POST') return query;
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json')) return { ...query, ...((await request.json()) as ApiArgs) };
  return { ...query, ...Object.fromEntries(new URLSearchParams(await request.text())) };
}

/** The arguments with their JSON fields decoded (a method decodes what is still a string, or reports it). */
function decoded(args: ApiArgs): ApiArgs {
  const result = { ...args };
  for (const field of JSON_FIELDS) {
    const value = result[field];
    if (typeof value !== 'string') continue;
    try {
      const parsed: unknown = JSON.parse(value);
      // A JSON string stays encoded: the method would decode it a second time.
      if (typeof parsed !== 'string') result[field] = parsed;
    } catch {
      // Left as sent: the method itself reports invalid JSON.
    }
  }
  return result;
}

function recorded(args: ApiArgs): ApiArgs {
  const { token: _token, ...rest } = args;
  return rest;
}

/** Starts the Slack workspace emulator on loopback. */
export async function startSlackEmulator(options: SlackEmulatorOptions): Promise<SlackEmulator> {
  const now = options.now ?? Date.now;
  const core = new EmulatorCore(now, options.timeLimits ?? SLACK_TIME_LIMITS);
  /** Waits in progress, told when the emulator closes. */
  const closing = new Set<() => void>();
  const failures = new Map<string, InjectedFailure[]>();
  const rateWindows = options.rateLimits ? new SlidingWindows() : undefined;
  const windowScale = typeof options.rateLimits === 'object' ? options.rateLimits.windowScale : 1;
  const refusedForRate: Record<string, number> = {};
  let botEventsUrl = options.botEventsUrl;
  let baseUrl = '';
  const interactions = new Interactions(core, {
    signingSecret: options.signingSecret,
    get baseUrl() {
      return baseUrl;
    },
    botEventsUrl: () => {
      if (!botEventsUrl)
        throw new Error('The emulator does not know the bot yet: call setBotEventsUrl(url).');
      return botEventsUrl;
    },
  });

  const files = new FileStore(core);
  const methods = { ...METHODS, ...files.methods() };
  const app = new Hono();
  files.route(app);
  app.on(['GET', 'POST'], '/api/:method', async (c) => {
    const method = c.req.param('method');
    const args = decoded(await readArgs(c.req.raw));
    const bearer = c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
    const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
    const record = (status: number, error?: string) => {
      core.workspace.calls.push({
        method,
        args: recorded(args),
        ok: error === undefined,
        status,
        at: now(),
        ...(error ? { error } : {}),
      });
      core.emit({ kind: 'call', method });
    };
    const fail = (error: string, extra: Record<string, unknown> = {}) => {
      record(200, error);
      return c.json({ ok: false, error, ...extra });
    };
    if (!token) return fail('not_authed');
    if (token !== options.botToken) return fail('invalid_auth');
    const handler = methods[method];
    if (!handler) return fail('unknown_method');
    const injected = failures.get(method)?.shift();
    if (injected && 'status' in injected) {
      record(429, 'ratelimited');
      c.header('retry-after', String(injected.retryAfter));
      return c.json({ ok: false, error: 'ratelimited' }, 429);
    }
    if (injected) return fail(injected.error);
    if (rateWindows) {
      const limit = limitOf(method, typeof args.channel === 'string' ? args.channel : undefined);
      const window = rateWindows.of(limit.key, {
        limit: limit.limit,
        windowMs: limit.windowMs * windowScale,
      });
      const wait = window.waitMs(Date.now());
      if (wait > 0) {
        refusedForRate[method] = (refusedForRate[method] ?? 0) + 1;
        record(429, 'ratelimited');
        c.header('retry-after', String(Math.ceil(wait / 1000)));
        return c.json({ ok: false, error: 'ratelimited' }, 429);
      }
      window.record(Date.now());
    }
    try {
      const result = handler(args, core, baseUrl);
      record(200);
      return c.json({ ok: true, ...result });
    } catch (error) {
      if (error instanceof SlackApiError) return fail(error.error, error.extra);
      throw error;
    }
  });
  app.post('/response/:id', async (c) => {
    // Read as Slack reads it: JSON, or a form's `payload` field; anything else is refused, never a 500.
    const parsed = decodeSlackBody(await c.req.text(), c.req.header('content-type'));
    if (parsed.kind !== 'body') return c.json({ ok: false, error: 'invalid_payload' }, 400);
    const answer = interactions.respond(c.req.param('id'), parsed.body);
    return c.json(answer.body, answer.status as 200);
  });
  options.extend?.(app);

  const server: RunningServer = await serveHttp(app.fetch, { port: options.port });
  baseUrl = server.url;
  const ws = core.workspace;

  return {
    url: server.url,
    apiUrl: `${server.url}/api/`,
    setBotEventsUrl: (url) => {
      botEventsUrl = url;
    },
    users: Object.fromEntries(Object.entries(SEED_USERS).map(([role, user]) => [role, user.id])) as Record<
      SeedRole,
      string
    >,
    groups: SEED_GROUPS,
    channels: SEED_CHANNELS,
    bot: { userId: ws.bot.userId, botId: ws.bot.botId },
    workspace: ws,
    command: (user, command, text, commandOptions = {}) =>
      interactions.command(user, command, text, commandOptions.channel ?? SEED_CHANNELS.requests),
    click: (user, target, actionId, choice, values) =>
      interactions.click(user, target, actionId, choice, values),
    submit: (user, viewId, values, submitOptions = {}) =>
      interactions.submit(user, viewId, values, submitOptions.lenient ?? false),
    dismiss: (user, viewId) => interactions.close(user, viewId),
    suggest: (user, viewId, actionId, query) => interactions.suggest(user, viewId, actionId, query),
    event: (event, eventOptions) => interactions.event(event, eventOptions),
    openHome: (user) => interactions.openHome(user),
    messages: (channel, messageOptions = {}) => {
      const { threadTs } = messageOptions;
      return ws.messages.filter((message) =>
        message.channel !== channel
          ? false
          : threadTs
            ? message.ts === threadTs || message.threadTs === threadTs
            : !message.threadTs || message.threadTs === message.ts || message.replyBroadcast === true,
      );
    },
    ephemerals: (user, ephemeralOptions = {}) =>
      ws.ephemerals.filter(
        (message) =>
          message.user === user &&
          (!ephemeralOptions.channel || message.channel === ephemeralOptions.channel),
      ),
    views: (user) => [...core.stack(user)],
    home: (user) => ws.homes[user],
    calls: (method) => ws.calls.filter((call) => method === undefined || call.method === method),
    failNext: (method, failure) => {
      const queue = failures.get(method) ?? [];
      queue.push(failure);
      failures.set(method, queue);
    },
    rateLimited: () => ({ ...refusedForRate }),
    waitFor: <T>(predicate: (workspace: Workspace) => T | undefined | null | false) =>
      new Promise<T>((resolve, reject) => {
        const stop = () => {
          unsubscribe();
          closing.delete(closed);
        };
        const check = () => {
          const answer = predicate(ws);
          if (!answer) return;
          stop();
          resolve(answer);
        };
        const closed = () => {
          stop();
          reject(
            new Error('waitFor: the Slack emulator closed before the workspace reached the expected state.'),
          );
        };
        const unsubscribe = core.on(check);
        closing.add(closed);
        check();
      }),
    on: (listener) => core.on(listener),
    fileContent: (id) => files.content(id)?.content.toString('utf8'),
    close: async () => {
      for (const closed of [...closing]) closed();
      await server.close();
    },
  };
}
