import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config';
import { type PaletteSimulator, startPaletteSimulator } from '../../../src/local/palette/simulator';
import { NO_TIME_LIMITS, type SlackEmulator, startSlackEmulator } from '../../../src/local/slack/emulator';
import { SEED_BOT } from '../../../src/local/slack/seed';
import type { LocalStack } from '../../../src/local/stack';
import { createPaletteClient } from '../../../src/palette/client';
import { type PlaygroundProcess, runPlayground } from '../../integration/playground.support';

/** Secrets anyone would recognise in a log line or a message (and so can look for). */
export const RECOGNISABLE = {
  signingSecret: 'SIGNING-SECRET-do-not-print-5e1f0c',
  botToken: 'xoxb-BOT-TOKEN-do-not-print-7a2d9b',
  paletteKey: 'PALETTE-KEY-do-not-print-3c8e41',
} as const;

/**
 * What lives outside the bot's process and outlives it: the Slack workspace and Palette, in this test process, and
 * the bot's data directory. The bot (`npm start`, src/local/main.ts) runs as a child that talks to them as it
 * would to the real Slack and Palette, with recognisable secrets.
 */
export interface World {
  slack: SlackEmulator;
  palette: PaletteSimulator;
  dataDir: string;
  /** The environment the bot starts with. */
  env: Record<string, string>;
  /**
   * A stand-in for the parts of a LocalStack the shared test helpers read (the wizard driver, the thread and card
   * readers): the workspace, the simulator, and a Palette client for the catalogue.
   */
  driverStack: LocalStack;
  close(): Promise<void>;
}

/** Starts the workspace and Palette (pace `speed`, on `now` if given) and prepares the bot's environment. */
export async function startWorld(options: {
  speed: number;
  env?: Record<string, string>;
  /** Palette's lifecycle clock (epoch ms): a test that must see a cluster between two states holds it. */
  now?: () => number;
}): Promise<World> {
  // The bot is another process that a busy machine slows down: Slack's 3-second limits would fail these tests
  // for the machine, not the bot (how fast it answers is `npm run bench`'s business).
  const slack = await startSlackEmulator({
    signingSecret: RECOGNISABLE.signingSecret,
    botToken: RECOGNISABLE.botToken,
    timeLimits: NO_TIME_LIMITS,
  });
  const palette = await startPaletteSimulator({
    apiKey: RECOGNISABLE.paletteKey,
    speed: options.speed,
    ...(options.now ? { now: options.now } : {}),
  });
  const reader = createPaletteClient({ apiUrl: palette.url, apiKey: palette.apiKey });
  const dataDir = mkdtempSync(join(tmpdir(), 'maas-resilience-'));
  const env = {
    SLACK_SIGNING_SECRET: RECOGNISABLE.signingSecret,
    SLACK_BOT_TOKEN: RECOGNISABLE.botToken,
    SLACK_API_URL: slack.apiUrl,
    SLACK_BOT_ID: SEED_BOT.botId,
    SLACK_BOT_USER_ID: SEED_BOT.userId,
    APPROVAL_CHANNEL: slack.channels.approvals,
    APPROVERS: slack.groups.approvers,
    ADMINS: slack.groups.admins,
    PALETTE_API_URL: palette.url,
    PALETTE_API_KEY: RECOGNISABLE.paletteKey,
    DATA_DIR: dataDir,
    POLL_INTERVAL: '1',
    // INFO: the reconciler's "sweep done" line tells the test a sweep has run.
    POWERTOOLS_LOG_LEVEL: 'INFO',
    ...options.env,
  };
  const driverStack = {
    slack,
    palette,
    deps: { palettes: { forProject: () => reader }, config: loadConfig(env) },
  } as unknown as LocalStack;
  return {
    slack,
    palette,
    dataDir,
    env,
    driverStack,
    close: async () => {
      await reader.close();
      await palette.close();
      await slack.close();
    },
  };
}

/** The bot's process, started on `world`'s data, its Request URL given to the workspace once it listens. */
export interface Bot {
  process: PlaygroundProcess;
  /** The bot's base URL (`POST {baseUrl}/slack/events`). */
  baseUrl: string;
  /** stdout and stderr so far. */
  output(): string;
}

/** Starts the bot (a fresh port each time) and points the workspace at it. */
export async function startBot(world: World): Promise<Bot> {
  const process = runPlayground(world.env);
  const [, url] = await process.printed(/Bot\s+(http:\/\/\S+\/slack\/events)/);
  world.slack.setBotEventsUrl(url!);
  return {
    process,
    baseUrl: url!.replace(/\/slack\/events$/, ''),
    output: () => `${process.stdout()}${process.stderr()}`,
  };
}

/** Kills the bot with SIGKILL (no clean-up of any kind) and waits until it is gone. */
export async function crash(bot: Bot): Promise<void> {
  bot.process.child.kill('SIGKILL');
  await bot.process.exited;
}
