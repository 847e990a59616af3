/**
 * `npm start`: the whole bot in one process — DynamoDB on dynalite under DATA_DIR, the local scheduler, the
 * in-process worker, and stand-ins for what is not configured (Palette and MAAS simulators, the Slack workspace
 * page). With Slack credentials it serves a real workspace instead (over HTTP, or Socket Mode with an app token).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { z } from 'zod';
import { ConfigError, presentVariables, SECRET_VARIABLES } from '../config';
import { secretScrubber } from '../log';
import { MAX_BOT_PORT, playgroundPorts } from './ports';
import { createPlaygroundPage, type PlaygroundPage } from './slack/page';
import { keepConversations } from './slack/page/saved-workspace';
import { type LocalStack, startLocalStack } from './stack';

// Before any AWS client or logger exists: Node 20 needs no SDK notice, and the terminal stays readable
// (POWERTOOLS_LOG_LEVEL=INFO shows every job and sweep).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const USAGE = `Usage: npm start [-- --fresh]

  --fresh   start with empty data (removes DATA_DIR first)

Environment (all optional; see README for the full table):
  PORT=3000              the bot's HTTP port (POST /slack/events, GET /healthz)
  PLAYGROUND_PORT=3001   the local Slack workspace page (default PORT+1; 0 = any free port)
                         the Palette simulator listens on PORT+2, the MAAS simulator on PORT+3 (any free
                         port when PORT=0), so links to them keep working across restarts
  DATA_DIR=.data         where DynamoDB, the simulators' clusters and machines and the workspace's
                         conversations are kept
  PALETTE_SPEED=1        the Palette simulator's pace (1: a cluster runs in about a minute)
  SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET [+ SLACK_APP_TOKEN]   use a real Slack workspace
  PALETTE_API_KEY [+ PALETTE_API_URL, PALETTE_PROJECT_UID]      use a real Palette
  MAAS_API_URL + MAAS_API_KEY                                   use a real MAAS for the capacity check
  TEAMS_FILE=teams.example.yml   the teams (playground default: the example's two teams; TEAMS_FILE= for none)`;

const port = z.coerce.number().int().min(0).max(65_535);
const PlaygroundEnv = z.object({
  PORT: port.max(MAX_BOT_PORT, 'leave room for the simulators (PORT+2, PORT+3)').default(3000),
  PLAYGROUND_PORT: port.optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  PALETTE_SPEED: z.coerce.number().positive().max(10_000).default(1),
});

/** What `npm start` was asked for. */
interface PlaygroundOptions {
  port: number;
  pagePort: number;
  /** Stable ports of the simulators (derived from PORT), so their links survive a restart. */
  palettePort: number;
  maasPort: number;
  dataDir: string;
  fresh: boolean;
  paletteSpeed: number;
  slack: 'emulated' | 'http' | 'socket';
  paletteSimulated: boolean;
  maasSimulated: boolean;
}

/** Reads the command line and the environment; a ConfigError names what is wrong (never a value). */
function readOptions(args: string[], env: NodeJS.ProcessEnv): PlaygroundOptions {
  const unknown = args.filter((arg) => arg !== '--fresh');
  if (unknown.length) throw new ConfigError([`unknown argument ${unknown[0]} (see npm start -- --help)`]);
  const set = presentVariables(env);
  const parsed = PlaygroundEnv.safeParse(set);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  const { PORT, PLAYGROUND_PORT, DATA_DIR, PALETTE_SPEED } = parsed.data;
  const token = Boolean(set.SLACK_BOT_TOKEN);
  const secret = Boolean(set.SLACK_SIGNING_SECRET);
  if (token !== secret || (set.SLACK_APP_TOKEN && !token))
    throw new ConfigError([
      'a real Slack workspace needs both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (and SLACK_APP_TOKEN for Socket Mode); set none of them to use the local workspace page',
    ]);
  const ports = playgroundPorts(PORT, PLAYGROUND_PORT);
  return {
    port: PORT,
    pagePort: ports.page,
    palettePort: ports.palette,
    maasPort: ports.maas,
    dataDir: resolve(DATA_DIR),
    fresh: args.includes('--fresh'),
    paletteSpeed: PALETTE_SPEED,
    slack: !token ? 'emulated' : set.SLACK_APP_TOKEN ? 'socket' : 'http',
    paletteSimulated: !set.PALETTE_API_KEY,
    maasSimulated: !set.MAAS_API_KEY,
  };
}

/** The example teams file: its ids are the emulated workspace's seeded channels, people and groups. */
const EXAMPLE_TEAMS = fileURLToPath(new URL('../../teams.example.yml', import.meta.url));

/**
 * The playground's pace when Palette is simulated: frequent polls, a force-delete window worth waiting for. With
 * the emulated workspace too, the example's two teams (TEAMS_FILE set to blank runs without teams).
 */
function playgroundDefaults(options: PlaygroundOptions, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (!options.paletteSimulated) return env;
  const teams = options.slack === 'emulated' ? { TEAMS_FILE: EXAMPLE_TEAMS } : {};
  return { POLL_INTERVAL: '5', FORCE_DELETE_AFTER: '120', ...teams, ...env };
}

/** One line per team: its channels and project, or the one implicit team. */
function teamsSummary(stack: LocalStack): string {
  const { teams } = stack.deps.config;
  if (!teams.fromFile) return 'none (one implicit team: every channel, APPROVERS, ADMINS)';
  return teams.list
    .map(
      (team) =>
        `${team.name} (project ${team.paletteProjectUid ?? 'tenant'}, quota ${quotaText(team.quota)})`,
    )
    .join('; ');
}

const quotaText = (quota: { clusters?: number; nodes?: number }) =>
  quota.clusters === undefined && quota.nodes === undefined
    ? 'none'
    : [quota.clusters && `${quota.clusters} clusters`, quota.nodes && `${quota.nodes} nodes`]
        .filter(Boolean)
        .join(', ');

/** What runs where, the page first. */
function summary(stack: LocalStack, options: PlaygroundOptions): string {
  const { config } = stack.deps;
  const row = (label: string, value: string) => `  ${label.padEnd(18)}${value}`;
  const slack =
    options.slack === 'emulated'
      ? [row('Slack workspace', `${stack.slack?.url}/   <- open this in your browser`)]
      : options.slack === 'socket'
        ? [row('Slack', 'your workspace, over Socket Mode (no public URL needed)')]
        : [
            row('Slack', 'your workspace, over HTTP'),
            row('Request URL', `http://localhost:${new URL(stack.url).port}/slack/events`),
            '                    Slack must reach it: expose this port with a tunnel (e.g. `ngrok http PORT`) and use',
            '                    the tunnel URL + /slack/events for Slash Commands, Interactivity and Event Subscriptions.',
          ];
  return [
    '',
    'maas-chatops is running',
    '',
    ...slack,
    row('Bot', `${stack.url}/slack/events`),
    row('Health', `${stack.url}/healthz`),
    row(
      'Palette',
      stack.palette
        ? `simulator at ${stack.palette.url} (speed ${options.paletteSpeed})`
        : config.palette.apiUrl,
    ),
    row(
      'MAAS',
      stack.maas
        ? `simulator at ${stack.maas.apiUrl} (capacity check on)`
        : config.maas
          ? config.maas.apiUrl
          : 'not configured (capacity check off)',
    ),
    row('DynamoDB', `dynalite at ${stack.dynamoEndpoint}, data in ${options.dataDir}`),
    row('Teams', teamsSummary(stack)),
    row('Worker', `in this process; local scheduler; polls every ${config.pollIntervalSeconds} s`),
    row('Force delete', `offered after ${config.policy.forceDeleteAfterSeconds} s in Deleting`),
    ...(stack.slack ? [row('Metrics', `${stack.slack.url}/metrics (and a summary when it stops)`)] : []),
    '',
    'Ctrl-C stops everything and prints a summary of the metrics.',
    '',
  ].join('\n');
}

/** Replaces every secret from the environment in a message (start-up errors may quote a URL or a token). */
function redact(text: string, env: NodeJS.ProcessEnv): string {
  const secrets = SECRET_VARIABLES.map((name) => env[name]).filter(
    (value): value is string => typeof value === 'string' && value.length >= 4,
  );
  return secretScrubber(secrets)(text);
}

/** A start-up failure as one or two lines for a person: no stack trace, no secret. */
function explain(error: unknown, env: NodeJS.ProcessEnv): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE')
    return `A port is already in use (${(error as { port?: unknown }).port ?? 'see above'}): stop the other process, or set PORT (the simulators use PORT+2 and PORT+3) / PLAYGROUND_PORT.`;
  if (error instanceof ConfigError) return error.message;
  return redact(error instanceof Error ? error.message : String(error), env);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const options = readOptions(args, process.env);
  const page: PlaygroundPage | undefined =
    options.slack === 'emulated' ? await createPlaygroundPage() : undefined;
  // The workspace page's server also shows the metrics so far, on demand (the stack exists by the time anyone asks).
  let summariseMetrics = () => 'Metrics: the bot is still starting.';
  const extendSlack = page
    ? (app: Hono) => {
        page.mount(app);
        app.get('/metrics', (c) => c.text(`${summariseMetrics()}\n`));
      }
    : undefined;
  const stack = await startLocalStack({
    env: playgroundDefaults(options, process.env),
    dataDir: options.dataDir,
    fresh: options.fresh,
    port: options.port,
    slackPort: options.pagePort,
    paletteSimulator: { speed: options.paletteSpeed, port: options.palettePort },
    simulateMaas: options.maasSimulated,
    maasSimulator: { port: options.maasPort },
    ...(extendSlack ? { extendSlack } : {}),
  });
  summariseMetrics = stack.summariseMetrics;
  const conversations = stack.slack
    ? keepConversations(stack.slack, resolve(options.dataDir, 'slack-workspace.json'))
    : undefined;
  if (stack.slack) page?.attach(stack.slack);
  console.log(summary(stack, options));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    try {
      await stack.close();
      // After the stack: the last jobs may still have posted to the workspace while it stopped.
      conversations?.close();
      console.log(`${stack.summariseMetrics()}\nStopped.`);
      process.exit(0);
    } catch (error) {
      console.error(`Could not stop cleanly: ${explain(error, process.env)}`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`Cannot start: ${explain(error, process.env)}`);
  process.exit(1);
});
