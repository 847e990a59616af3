import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { type Config, loadConfig, presentVariables, secretValues } from '../config';
import type { Deps } from '../deps';
import type { AuditLine } from '../domain/audit';
import { createSlackHttp } from '../http/bot';
import { type RunningServer, serveHttp } from '../http/serve';
import { LocalJobs } from '../jobs/local';
import { type ReconcileTimer, startReconcileTimer } from '../jobs/reconcile-timer';
import { runJob } from '../jobs/worker';
import { auditLog, createLogger } from '../log';
import { createMaasClient } from '../maas/client';
import { METRICS_SERVICE } from '../metrics/catalog';
import { EmfMetrics } from '../metrics/emf';
import type { Metrics } from '../metrics/port';
import { MetricsSummary } from '../metrics/summary';
import { createPaletteProjects } from '../palette/client';
import { LocalScheduler } from '../scheduler/local';
import { createSlackApp } from '../slack/app';
import { createSlackWebClient, SLACK_BUDGET_MS } from '../slack/client';
import { countOperations, type OperationCounter } from '../store/counter';
import { DynamoClusterStore } from '../store/dynamo';
import { ensureTable, localDocumentClient, startDynalite } from './dynalite';
import { type MaasSimulator, type MaasSimulatorOptions, startMaasSimulator } from './maas/simulator';
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
  /** The MAAS simulator's options (its port), when it is started. */
  maasSimulator?: MaasSimulatorOptions;
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
  /** Where the bot's metrics go; by default EMF documents summed up for `summariseMetrics`. */
  metrics?: Metrics;
  /** Where audit lines go; by default the log, with the audit marker, as on Lambda. */
  audit?: (line: AuditLine) => void;
  /** The emulated workspace's time limits (Slack's 3 s by default; tests that are not about them turn them off). */
  slackTimeLimits?: TimeLimits;
  /**
   * Whether the emulated workspace enforces Slack's rate limits (tiers, per-channel pace); default on. With a
   * `windowScale`, every window of the workspace and of the bot's pacing is shrunk alike (tests: the same limits,
   * without a suite waiting whole minutes for them).
   */
  slackRateLimits?: boolean | { windowScale: number };
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
  /** The metrics recorded since start, as a table (empty when `metrics` was given). */
  summariseMetrics(): string;
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
          rateLimits: options.slackRateLimits ?? true,
        });
    if (slack) closers.push(() => slack.close());

    // The teams file first: the simulator serves the projects it names.
    const teamsFile = set.TEAMS_FILE
      ? await (await import('../teams/file')).readTeamsFile(set.TEAMS_FILE)
      : undefined;
    const projects = [
      ...new Set(
        [set.PALETTE_PROJECT_UID, ...(teamsFile?.teams ?? []).map((team) => team.paletteProjectUid)].filter(
          (uid): uid is string => uid !== undefined,
        ),
      ),
    ];
    // With a data directory the simulators keep their state there too, so a restart finds the clusters (and
    // the machines) the bot's records point at.
    const keptIn = (file: string) => (options.dataDir ? { statePath: join(options.dataDir, file) } : {});
    const palette = set.PALETTE_API_KEY
      ? undefined
      : await startPaletteSimulator({
          ...(projects.length > 0 ? { projects } : {}),
          ...keptIn('palette-simulator.json'),
          ...options.paletteSimulator,
        });
    if (palette) closers.push(() => palette.close());

    const maas =
      !set.MAAS_API_KEY && options.simulateMaas
        ? await startMaasSimulator({ ...keptIn('maas-simulator.json'), ...options.maasSimulator })
        : undefined;
    if (maas) closers.push(() => maas.close());

    const base = loadConfig(
      {
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
          ? {
              PALETTE_API_URL: palette.url,
              PALETTE_API_KEY: palette.apiKey,
              PALETTE_CONSOLE_URL: palette.url,
            }
          : {}),
        ...(maas ? { MAAS_API_URL: maas.apiUrl, MAAS_API_KEY: maas.apiKey } : {}),
      },
      teamsFile,
    );
    const scaled =
      typeof options.slackRateLimits === 'object'
        ? { ...base, slack: { ...base.slack, rateWindowScale: options.slackRateLimits.windowScale } }
        : base;
    const config = options.configure ? options.configure(scaled) : scaled;

    const logger = createLogger('maas-chatops-local', secretValues(config));
    // The same EMF documents as on Lambda, read back into a summary instead of going to CloudWatch.
    const summary = new MetricsSummary();
    const metrics =
      options.metrics ??
      new EmfMetrics({
        namespace: config.metricsNamespace,
        service: METRICS_SERVICE,
        write: summary.write,
        logger,
      });
    const client = localDocumentClient(dynamo.endpoint);
    await ensureTable(client, config.tableName);
    const operations = countOperations(client);
    const palettes = createPaletteProjects({ ...config.palette, metrics });
    closers.push(() => palettes.close());
    const maasClient = config.maas ? createMaasClient(config.maas) : undefined;
    if (maasClient) closers.push(() => maasClient.close());

    // The worker runs in this process: jobs refer to the deps they are part of.
    const jobs: LocalJobs = new LocalJobs({
      run: (job) => runJob(job, deps),
      logger,
      metrics,
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
      store: new DynamoClusterStore(client, config.tableName, now, {
        defaultTeam: config.teams.defaultTeam,
        recordRetentionDays: config.recordRetentionDays,
        audit: options.audit ?? auditLog(logger),
      }),
      palettes,
      ...(maasClient ? { maas: maasClient } : {}),
      scheduler,
      jobs,
      slack: createSlackWebClient(config, logger, SLACK_BUDGET_MS.worker, metrics),
      logger,
      metrics,
      now,
    };

    // Listeners answer within Slack's 3-second window, as on the http Lambda: their own Slack calls get the
    // listener budget (a long 429 fails at once instead of outlasting the ack guard); jobs keep the worker's.
    const listenerDeps: Deps = {
      ...deps,
      slack: createSlackWebClient(config, logger, SLACK_BUDGET_MS.listener, metrics),
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
      summariseMetrics: () => {
        metrics.flush();
        return summary.render();
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
