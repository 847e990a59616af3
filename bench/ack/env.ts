import type { App } from '@slack/bolt';
import { loadConfig, secretValues } from '../../src/config';
import type { Deps } from '../../src/deps';
import type { Jobs } from '../../src/jobs/port';
import { createLogger } from '../../src/log';
import { METRICS_SERVICE } from '../../src/metrics/catalog';
import { EmfMetrics } from '../../src/metrics/emf';
import type { Palette } from '../../src/palette/port';
import type { Scheduler } from '../../src/scheduler/port';
import { createSlackWebClient, SLACK_BUDGET_MS } from '../../src/slack/client';
import type { ClusterStore } from '../../src/store/port';
import { unusedPort } from '../../test/support/slack';

/** The signing secret and token both servers under test use (the emulator knows them too). */
export const ACK_SIGNING_SECRET = 'bench-signing-secret-7d1e0c5a9b';
export const ACK_BOT_TOKEN = 'xoxb-bench-0000000000-ack-path';

/** The environment a server under test gets: our configuration contract, against the emulated workspace. */
export function serverEnv(slackApiUrl: string, approvalChannel: string): Record<string, string> {
  return {
    SLACK_SIGNING_SECRET: ACK_SIGNING_SECRET,
    SLACK_BOT_TOKEN: ACK_BOT_TOKEN,
    SLACK_API_URL: slackApiUrl,
    APPROVAL_CHANNEL: approvalChannel,
    PALETTE_API_KEY: 'bench-palette-key-unused',
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
}

/**
 * The listeners' Deps in a server under test: configuration from the environment, the Web API client against
 * the emulator, and stand-ins for the ports `/maas help` and a link click never use (any use fails loudly).
 */
export function listenerDeps(): Deps {
  const config = loadConfig(process.env);
  const logger = createLogger('maas-chatops-bench', secretValues(config));
  // Real EMF documents, as on Lambda, written nowhere: the benchmark measures recording them, not printing them.
  const metrics = new EmfMetrics({
    namespace: config.metricsNamespace,
    service: METRICS_SERVICE,
    write: () => {},
    logger,
  });
  return {
    config,
    store: unusedPort<ClusterStore>('store'),
    palettes: { forProject: () => unusedPort<Palette>('palette') },
    scheduler: unusedPort<Scheduler>('scheduler'),
    jobs: unusedPort<Jobs>('jobs'),
    slack: createSlackWebClient(config, logger, SLACK_BUDGET_MS.listener, metrics),
    logger,
    metrics,
    now: () => new Date(),
  };
}

/** How many listeners Bolt runs for every request (Bolt keeps them in a private array; read for the results only). */
export function listenerCount(app: App): number {
  return (app as unknown as { listeners: unknown[] }).listeners.length;
}

/** What a server under test announces: where it listens, and how many Bolt listeners it has. */
export interface ServerInfo {
  url: string;
  listeners: number;
}
