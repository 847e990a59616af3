import type { Deps } from '../deps';
import { followDelaySeconds } from '../domain/day2';
import type { JobOf } from './handler';

/** Arms the next look at a followed backup or scan, backing off from the poll interval to five minutes. */
export async function scheduleFollow(deps: Deps, job: JobOf<'day2-follow'>): Promise<void> {
  const delay = followDelaySeconds(job.attempt, deps.config.pollIntervalSeconds);
  await deps.scheduler.at(new Date(deps.now().getTime() + delay * 1000), job, `day2-${job.feature}`);
}
