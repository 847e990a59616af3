import type { Deps } from '../deps';
import { followDelaySeconds } from '../domain/day2';
import type { JobOf } from './handler';

/**
 * Arms the next look at a followed backup or scan, backing off from the poll interval to five minutes. The moment
 * is rounded up to a multiple of the wait, so two chains at the same step (a live one and one the reconciler
 * re-armed) name the same schedule and run as one.
 */
export async function scheduleFollow(deps: Deps, job: JobOf<'day2-follow'>): Promise<void> {
  const stepMs = followDelaySeconds(job.attempt, deps.config.pollIntervalSeconds) * 1000;
  const due = Math.ceil((deps.now().getTime() + stepMs) / stepMs) * stepMs;
  await deps.scheduler.at(new Date(due), job, `day2-${job.feature}`);
}
