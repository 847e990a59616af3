import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { type Config, loadConfig, presentVariables, secretValues } from '../config';
import type { Deps } from '../deps';
import { createSlackHttp } from '../http/bot';
import { type RunningServer, serveHttp } from '../http/serve';
import { LocalJobs } from '../jobs/local';
import { type ReconcileTimer, startReconcileTimer } from '../jobs/reconcile-timer';
import { runJob } from '../jobs/worker';
import { createLogger } from '../log';
import { createMaasClient } from '../maas/client';
import { createPaletteClient } from '../palette/client';
import { LocalScheduler } from '../scheduler/local';
import { createSlackApp } from '../slack/app';
import { createSlackWebClient, SLACK_BUDGET_MS } from '../slack/client';
import { countOperations, type OperationCounter } from '../store/counter';
import { DynamoClusterStore } from '../store/dynamo';
import { ensureTable, localDocumentClient, startDynalite } from './dynalite';
import { type MaasSimulator, startMaasSimulator } from './maas/simulator';
import { type PaletteSimulator, type SimulatorOptions, startPaletteSimulator } from './palette/simulator';
import { type SlackEmulator, startSlackEmulator, type TimeLimits } from './slack/emulator';
import { SEED_BOT, SEED_CHANNELS, SEED_GROUPS, SEED_USERS } from './slack/seed';
import { socketModeReceiver } from './socket-mode';

/** How to run the whole bot in one process (`npm start`, integration and browser tests, benchmarks). */
export interface LocalStackOptions {
  /** The environment (DESIGN §3): real Slack, Palette and MAAS are used where their credentials are set. */
  env?: Record<string, string | undefined>;
  /** Where DynamoDB persists; absent = in memory. */
  dataDir?: string;
  /** Start from an empty `dataDir`. */
  fresh?: boolean;
  /** The bot's HTTP port (0 = any free one). */
  port?: number;
  /** The emulated Slack workspace's port, when it is emulated (0 = any). */
  slackPort?: number;
  /** The Palette simulator's options (pace, faults, rate limits), when Palette is simulated. */
  paletteSimulator?: SimulatorOptions;
  /** Start the MAAS simulator (and so the capacity check) when MAAS is not configured. */
  simulateMaas?: boolean;
  /** Configuration fields to override after the environment is read (tests: short windows and polls). */
  configure?: (config: Config) => Config;
  /** The clock the bot runs by. */
  now?: () => Date;
  /** How often (ms) the local scheduler looks for due schedules. */
  schedulerTickMs?: number;
  /** How often (ms) the reconciler sweeps; 0 = no timer (tests run sweeps themselves). */
  reconcileIntervalMs?: number;
  /** Adds routes to the emulated Slack workspace's server (the playground page). */
  extendSlack?: (app: Hono) => void;
  /** Delays before a failed job is retried. */
  jobRetryDelaysMs?: readonly number[];
  /** The emulated workspace's time limits (Slack's 3 s by default; tests that are not about them turn them off). */
  slackTimeLimits?: TimeLimits;
  /** How long a listener may run before the bot answers anyway (the receiver's 2.5 s by default; Infinity: none). */
  ackTimeoutMs?: number;
}

/** The running bot and the stand-ins around it. */
export interface LocalStack {
  /** The bot's base URL: `POST {url}/slack/events`, `GET {url}/healthz`. */
  url: string;
  /** The Deps jobs run with (Slack on the worker's budget; the listeners' copy has the listener budget). */
  deps: Deps;
  jobs: LocalJobs;
  scheduler: LocalScheduler;
  /** DynamoDB operations by type since start. */
  operations: OperationCounter;
  /** Present when Slack is emulated. */
  slack?: SlackEmulator;
  /** Present when Palette is simulated. */
  palette?: PaletteSimulator;
  /** Present when MAAS is simulated. */
  maas?: MaasSimulator;
  dynamoEndpoint: string;
  /** Resolves when no job is running or queued. */
  idle(): Promise<void>;
  /** Stops everything, in reverse order of start. */
  close(): Promise<void>;
}

/** Starts dynalite, the stand-ins for what is not configured, the worker, the scheduler and the HTTP app. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const env = options.env ?? process.env;
  const closers: (() => Promise<unknown> | unknown)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    if (options.dataDir && options.fresh) rmSync(options.dataDir, { recursive: true, force: true });
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const now = options.now ?? (() => new Date());
    const dynamo = await startDynalite(options.dataDir ? { path: join(options.dataDir, 'dynamo') } : {});
    closers.push(() => dynamo.close());

    // Blank counts as unset, as for loadConfig and `npm start`'s own checks.
    const set = presentVariables(env);
    const realSlack = Boolean(set.SLACK_BOT_TOKEN && set.SLACK_SIGNING_SECRET);
    const signingSecret = realSlack ? set.SLACK_SIGNING_SECRET! : `local-${randomBytes(12).toString('hex')}`;
    const botToken = realSlack ? set.SLACK_BOT_TOKEN! : `xoxb-local-${randomBytes(12).toString('hex')}`;
    const slack = realSlack
      ? undefined
      : await startSlackEmulator({
          signingSecret,
          botToken,
          port: options.slackPort ?? 0,
          now: () => now().getTime(),
          ...(options.extendSlack ? { extend: options.extendSlack } : {}),
          ...(options.slackTimeLimits ? { timeLimits: options.slackTimeLimits } : {}),
        });
    if (slack) closers.push(() => slack.close());

    const palette = set.PALETTE_API_KEY
      ? undefined
      : await startPaletteSimulator(options.paletteSimulator ?? {});
    if (palette) closers.push(() => palette.close());

    const maas = !set.MAAS_API_KEY && options.simulateMaas ? await startMaasSimulator({}) : undefined;
    if (maas) closers.push(() => maas.close());

    const base = loadConfig({
      ...env,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_BOT_TOKEN: botToken,
      ...(slack
        ? {
            SLACK_API_URL: slack.apiUrl,
            SLACK_BOT_ID: SEED_BOT.botId,
            SLACK_BOT_USER_ID: SEED_BOT.userId,
            APPROVAL_CHANNEL: set.APPROVAL_CHANNEL ?? SEED_CHANNELS.approvals,
            APPROVERS: set.APPROVERS ?? SEED_GROUPS.approvers,
            ADMINS: set.ADMINS ?? SEED_USERS.admin.id,
          }
        : {}),
      ...(palette
        ? { PALETTE_API_URL: palette.url, PALETTE_API_KEY: palette.apiKey, PALETTE_CONSOLE_URL: palette.url }
        : {}),
      ...(maas ? { MAAS_API_URL: maas.apiUrl, MAAS_API_KEY: maas.apiKey } : {}),
    });
    const config = options.configure ? options.configure(base) : base;

    const logger = createLogger('maas-chatops-local', secretValues(config));
    const client = localDocumentClient(dynamo.endpoint);
    await ensureTable(client, config.tableName);
    const operations = countOperations(client);
    const paletteClient = createPaletteClient(config.palette);
    closers.push(() => paletteClient.close());
    const maasClient = config.maas ? createMaasClient(config.maas) : undefined;
    if (maasClient) closers.push(() => maasClient.close());

    // The worker runs in this process: jobs refer to the deps they are part of.
    const jobs: LocalJobs = new LocalJobs({
      run: (job) => runJob(job, deps),
      logger,
      ...(options.jobRetryDelaysMs ? { retryDelaysMs: options.jobRetryDelaysMs } : {}),
    });
    const scheduler = new LocalScheduler({
      client,
      tableName: config.tableName,
      jobs,
      logger,
      now,
      ...(options.schedulerTickMs ? { tickMs: options.schedulerTickMs } : {}),
    });
    const deps: Deps = {
      config,
      store: new DynamoClusterStore(client, config.tableName, now),
      palette: paletteClient,
      ...(maasClient ? { maas: maasClient } : {}),
      scheduler,
      jobs,
      slack: createSlackWebClient(config, logger, SLACK_BUDGET_MS.worker),
      logger,
      now,
    };

    // Listeners answer within Slack's 3-second window, as on the http Lambda: their own Slack calls get the
    // listener budget (a long 429 fails at once instead of outlasting the ack guard); jobs keep the worker's.
    const listenerDeps: Deps = {
      ...deps,
      slack: createSlackWebClient(config, logger, SLACK_BUDGET_MS.listener),
    };
    const { http } = createSlackHttp(listenerDeps, {
      now: () => now().getTime(),
      ...(options.ackTimeoutMs !== undefined ? { ackTimeoutMs: options.ackTimeoutMs } : {}),
    });
    // With an app token, real Slack reaches the same listeners over Socket Mode (no public Request URL needed).
    const socketApp =
      realSlack && config.slack.appToken
        ? createSlackApp(listenerDeps, socketModeReceiver(config, logger))
        : undefined;
    // Closed in reverse: the reconciler and the scheduler stop, the server stops taking requests, then the
    // jobs already dispatched finish before the stand-ins they call go away.
    closers.push(() => jobs.idle());
    const server: RunningServer = await serveHttp(http.fetch, { port: options.port ?? config.port });
    closers.push(() => server.close());
    slack?.setBotEventsUrl(`${server.url}/slack/events`);
    if (socketApp) {
      await socketApp.start();
      closers.push(() => socketApp.stop());
    }

    scheduler.start();
    closers.push(() => scheduler.stop());
    const reconcileMs = options.reconcileIntervalMs ?? 60_000;
    const reconciler: ReconcileTimer | undefined =
      reconcileMs > 0 ? startReconcileTimer(deps, reconcileMs) : undefined;
    if (reconciler) closers.push(() => reconciler.stop());

    return {
      url: server.url,
      deps,
      jobs,
      scheduler,
      operations,
      ...(slack ? { slack } : {}),
      ...(palette ? { palette } : {}),
      ...(maas ? { maas } : {}),
      dynamoEndpoint: dynamo.endpoint,
      idle: () => jobs.idle(),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
