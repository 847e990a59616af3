import type { Deps } from '../deps';
import { whenSlackHasRoom } from '../slack/deferral';
import { slackRateLimited } from '../slack/thread';
import type { HandlerRegistry, JobHandler, JobOf } from './handler';
import { HANDLERS } from './handlers';
import { type Job, type JobKind, jobClusterId } from './job';

function handlerFor<K extends JobKind>(job: JobOf<K>, handlers: HandlerRegistry): JobHandler<K> | undefined {
  return handlers[job.kind];
}

/**
 * Runs one job with its kind's handler, logging with the job kind and cluster id as keys, timing it and counting
 * it `ok` when it finishes. A kind with no handler is logged and counted dropped. A job Slack's budget has no room
 * for (a call over its rate) runs again a tier window later (counted deferred); any other error propagates so the
 * runtime retries the job (and counts it retried or dropped).
 */
export async function runJob(job: Job, deps: Deps, handlers: HandlerRegistry = HANDLERS): Promise<void> {
  const clusterId = jobClusterId(job);
  const logger = deps.logger.createChild({
    persistentKeys: { jobKind: job.kind, ...(clusterId === undefined ? {} : { clusterId }) },
  });
  const handler = handlerFor(job, handlers);
  if (!handler) {
    logger.warn('No handler for this job kind yet: job dropped.');
    deps.metrics.add('Jobs', 1, { kind: job.kind, outcome: 'dropped' });
    return;
  }
  const startedAt = performance.now();
  try {
    await handler(job, { ...deps, logger });
  } catch (error) {
    if (!slackRateLimited(error)) throw error;
    // Jobs are safe to run again; the runtime's two quick retries would fall in the same full window.
    logger.info("Slack's budget has no room for this job now: it runs again once it has.");
    await whenSlackHasRoom(deps, job);
    deps.metrics.add('Jobs', 1, { kind: job.kind, outcome: 'deferred' });
    return;
  } finally {
    deps.metrics.add('JobDuration', performance.now() - startedAt, { kind: job.kind });
  }
  deps.metrics.add('Jobs', 1, { kind: job.kind, outcome: 'ok' });
}
