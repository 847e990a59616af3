import type { Logger } from '@aws-lambda-powertools/logger';
import type { WebClient } from '@slack/web-api';
import type { Config } from './config';
import type { Jobs } from './jobs/port';
import type { Maas } from './maas/port';
import type { Metrics } from './metrics/port';
import type { PaletteProjects } from './palette/port';
import type { Scheduler } from './scheduler/port';
import type { ClusterStore } from './store/port';

/** Everything listeners and job handlers use, wired once per runtime (Lambda, local process, tests). */
export interface Deps {
  config: Config;
  store: ClusterStore;
  /** Palette per project; a record's or a team's client comes from src/teams/scope.ts. */
  palettes: PaletteProjects;
  /** Present when MAAS_API_URL and MAAS_API_KEY are set: the optional capacity check. */
  maas?: Maas;
  scheduler: Scheduler;
  jobs: Jobs;
  slack: WebClient;
  logger: Logger;
  /** Counts and timings (CloudWatch EMF on Lambda, a summary locally). */
  metrics: Metrics;
  /** The current time; tests and the local playground may run a faster clock. */
  now: () => Date;
}
