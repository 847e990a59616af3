import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '../metrics/port';
import { type Job, jobClusterId } from './job';
import type { Jobs } from './port';

/** How the local runtime runs jobs. */
export interface LocalJobsOptions {
  /** Runs one job: `(job) => runJob(job, deps)` in the local wiring. */
  run: (job: Job) => Promise<void>;
  logger: Logger;
  /** Counts each failed run: retried, or dropped after the last retry (`runJob` counts the ones that finish). */
  metrics: Metrics;
  /** Waits before each retry of a failed job; Lambda's async invoke retries twice. */
  retryDelaysMs?: readonly number[];
}

/**
 * Jobs in the same process: a dispatched job runs after the current response (setImmediate), and a failed one
 * is retried after the given delays, as Lambda's async invoke would, then logged and dropped.
 */
export class LocalJobs implements Jobs {
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly retryDelaysMs: readonly number[];

  constructor(private readonly options: LocalJobsOptions) {
    this.retryDelaysMs = options.retryDelaysMs ?? [1_000, 2_000];
  }

  /** Queues the job and returns at once. */
  async dispatch(job: Job): Promise<void> {
    this.running++;
    setImmediate(() => void this.runWithRetries(job));
  }

  /** Resolves when no job is running, queued or waiting for a retry. */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async runWithRetries(job: Job): Promise<void> {
    const keys = { jobKind: job.kind, clusterId: jobClusterId(job) };
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await this.options.run(job);
          return;
        } catch (error) {
          const delayMs = this.retryDelaysMs[attempt];
          if (delayMs === undefined) {
            this.options.logger.error('Job failed after its retries: dropped.', { ...keys, attempt, error });
            this.options.metrics.add('Jobs', 1, { kind: job.kind, outcome: 'dropped' });
            return;
          }
          this.options.logger.warn('Job failed: retrying.', { ...keys, attempt, delayMs, error });
          this.options.metrics.add('Jobs', 1, { kind: job.kind, outcome: 'retried' });
          await sleep(delayMs);
        }
      }
    } finally {
      this.running--;
      if (this.running === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }
}
