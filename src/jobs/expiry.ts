import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { scheduleName } from '../scheduler/names';
import type { Job } from './job';

type Deadline = Pick<ClusterRecord, 'id' | 'expiresAt'>;

/** The expiry schedule's identity: arming and cancelling share it, as a cancel finds the schedule by its name. */
function expirySchedule(record: Deadline): { when: Date; job: Job; purpose: string } {
  return {
    when: new Date(record.expiresAt),
    job: { kind: 'expire', clusterId: record.id },
    purpose: 'expire',
  };
}

/** Arms the `expire` job for the request's approval deadline. */
export async function scheduleExpiry(deps: Pick<Deps, 'scheduler'>, record: Deadline): Promise<void> {
  const { when, job, purpose } = expirySchedule(record);
  await deps.scheduler.at(when, job, purpose);
}

/** Removes the expiry schedule of a request that was decided before its deadline. */
export async function cancelExpiry(deps: Pick<Deps, 'scheduler'>, record: Deadline): Promise<void> {
  const { when, job, purpose } = expirySchedule(record);
  await deps.scheduler.cancel(scheduleName(job, purpose, when));
}
