import { Logger } from '@aws-lambda-powertools/logger';
import type { App } from '@slack/bolt';
import { type Config, loadConfig } from '../../src/config';
import type { Deps } from '../../src/deps';
import { createSlackHttp } from '../../src/http/bot';
import { parseSlackBody } from '../../src/http/parse';
import { type RunningServer, serveHttp } from '../../src/http/serve';
import { signSlackBody, verifySlackSignature } from '../../src/http/verify';
import type { Jobs } from '../../src/jobs/port';
import { NO_TIME_LIMITS, type SlackEmulator, startSlackEmulator } from '../../src/local/slack/emulator';
import { SEED_BOT } from '../../src/local/slack/seed';
import type { Metrics } from '../../src/metrics/port';
import type { Palette } from '../../src/palette/port';
import type { Scheduler } from '../../src/scheduler/port';
import { createSlackWebClient, SLACK_BUDGET_MS } from '../../src/slack/client';
import type { ClusterStore } from '../../src/store/port';
import { oneProject, recordingJobs } from './dynalite';
import { recordedMetrics } from './metrics';

/** The signing secret and bot token every Slack test uses (never real ones). */
export const TEST_SIGNING_SECRET = 'test-signing-secret-5f0c1d2e3a4b';
export const TEST_BOT_TOKEN = 'xoxb-test-0000000000-maas-chatops';

/** A port no test expects to be used (except for the `provided` methods): any other call fails loudly, naming it. */
export function unusedPort<T extends object>(name: string, provided: Partial<T> = {}): T {
  return new Proxy(provided as T, {
    get: (target, property) => {
      if (property in target) return target[property as keyof T];
      if (property === 'then') return undefined;
      return () => {
        throw new Error(`${name}.${String(property)} was called, but this test does not provide ${name}.`);
      };
    },
  });
}

/** A quiet logger for tests. */
export const silentLogger = () => new Logger({ serviceName: 'maas-chatops-test', logLevel: 'SILENT' });

/** The bot's configuration against the emulator: approvers and admins are the seeded groups. */
export function testConfig(emulator: SlackEmulator, env: Record<string, string> = {}): Config {
  return loadConfig({
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_API_URL: emulator.apiUrl,
    SLACK_BOT_ID: SEED_BOT.botId,
    SLACK_BOT_USER_ID: SEED_BOT.userId,
    PALETTE_API_KEY: 'test-palette-key',
    APPROVAL_CHANNEL: emulator.channels.approvals,
    APPROVERS: emulator.groups.approvers,
    ADMINS: emulator.groups.admins,
    ...env,
  });
}

/** What a Slack test may replace in the bot's Deps. */
export interface SlackHarnessOptions {
  store: ClusterStore;
  palette?: Palette;
  jobs?: Jobs;
  scheduler?: Scheduler;
  logger?: Logger;
  /** Extra environment for loadConfig (e.g. APPROVERS, REQUIRED_APPROVALS). */
  env?: Record<string, string>;
  /** The bot's clock (Deps.now); the emulator and signatures keep real time. */
  now?: () => Date;
  /** The bot's ack guard; none by default (see `startSlackHarness`). */
  ackTimeoutMs?: number;
  /** Where the bot's metrics go (into memory by default). */
  metrics?: Metrics;
}

/** The bot (Hono + Bolt on @hono/node-server) and the Slack emulator, wired to each other on loopback. */
export interface SlackHarness {
  emulator: SlackEmulator;
  deps: Deps;
  /** The Bolt app (add a spy with `app.use`). */
  app: App;
  /** The bot's HTTP server. */
  bot: RunningServer;
  /** `…/slack/events` on the bot. */
  eventsUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the emulator and the bot's HTTP app against it, with real listeners and the given store. Slack's 3-second
 * limits are off unless the test asks for the ack guard (`ackTimeoutMs`): an answer comes when the listener is done.
 */
export async function startSlackHarness(options: SlackHarnessOptions): Promise<SlackHarness> {
  const emulator = await startSlackEmulator({
    signingSecret: TEST_SIGNING_SECRET,
    botToken: TEST_BOT_TOKEN,
    timeLimits: NO_TIME_LIMITS,
  });
  const config = testConfig(emulator, options.env);
  const logger = options.logger ?? silentLogger();
  const metrics = options.metrics ?? recordedMetrics().metrics;
  const deps: Deps = {
    config,
    store: options.store,
    palettes: oneProject(options.palette ?? unusedPort<Palette>('palette')),
    scheduler: options.scheduler ?? unusedPort<Scheduler>('scheduler'),
    jobs: options.jobs ?? recordingJobs(),
    slack: createSlackWebClient(config, logger, SLACK_BUDGET_MS.listener, metrics),
    logger,
    metrics,
    now: options.now ?? (() => new Date()),
  };
  const { app, http } = createSlackHttp(deps, {
    ackTimeoutMs: options.ackTimeoutMs ?? Number.POSITIVE_INFINITY,
    // Read at each request, so a test holding the clock (test/support/clock.ts) holds the signature window's too.
    now: () => Date.now(),
  });
  const bot = await serveHttp(http.fetch);
  const eventsUrl = `${bot.url}/slack/events`;
  emulator.setBotEventsUrl(eventsUrl);
  return {
    emulator,
    deps,
    app,
    bot,
    eventsUrl,
    close: async () => {
      await bot.close();
      await emulator.close();
    },
  };
}

/** Headers Slack would send with `body` (signed now unless told otherwise). */
export function slackHeaders(
  body: string,
  options: { contentType?: string; secret?: string; timestampSeconds?: number } = {},
): Record<string, string> {
  const timestamp = String(options.timestampSeconds ?? Math.floor(Date.now() / 1000));
  return {
    'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': signSlackBody(options.secret ?? TEST_SIGNING_SECRET, timestamp, body),
  };
}

/** A slash command's form body, as Slack sends it. */
export function slashCommandBody(fields: {
  text: string;
  user?: string;
  channel?: string;
  command?: string;
}): string {
  return new URLSearchParams({
    token: 'emulator-verification-token',
    team_id: 'T0MAAS',
    team_domain: 'maas-playground',
    channel_id: fields.channel ?? 'C0REQUESTS',
    channel_name: 'platform-requests',
    user_id: fields.user ?? 'U0REQUESTER',
    user_name: 'riley.chen',
    command: fields.command ?? '/maas',
    text: fields.text,
    api_app_id: 'A0MAASBOT',
    is_enterprise_install: 'false',
    response_url: 'http://127.0.0.1:9/response/unused',
    trigger_id: '1.2.unused',
  }).toString();
}

/** One request the fake bot received: its headers, raw body, parsed body and whether the signature verified. */
export interface ReceivedRequest {
  headers: Record<string, string>;
  rawBody: string;
  body: Record<string, unknown>;
  verified: boolean;
}

/** A stand-in bot for emulator tests: verifies and records what Slack sends, and answers as told. */
export interface FakeBot {
  url: string;
  received: ReceivedRequest[];
  /** How the bot answers the next requests (default: empty 200). */
  answer: (request: ReceivedRequest) => Response | Promise<Response>;
  close(): Promise<void>;
}

/** Starts a fake bot on loopback. */
export async function startFakeBot(): Promise<FakeBot> {
  const received: ReceivedRequest[] = [];
  const bot: Partial<FakeBot> = { received, answer: () => new Response(null, { status: 200 }) };
  const server = await serveHttp(async (request) => {
    const rawBody = await request.text();
    const headers = Object.fromEntries(request.headers);
    const parsed = parseSlackBody(rawBody, headers['content-type']);
    const verified = verifySlackSignature(TEST_SIGNING_SECRET, {
      rawBody,
      timestamp: headers['x-slack-request-timestamp'],
      signature: headers['x-slack-signature'],
      now: Date.now(),
    }).ok;
    const entry = { headers, rawBody, body: parsed.kind === 'body' ? parsed.body : {}, verified };
    received.push(entry);
    return bot.answer!(entry);
  });
  return Object.assign(bot, { url: `${server.url}/slack/events`, close: server.close }) as FakeBot;
}
