import type { ClusterRecord } from '../domain/cluster';
import { isTicking } from '../domain/lease';
import type { Job } from '../jobs/job';

/** How long past its end a lease waits for its own schedule (minute-precise, retried) before the sweep steps in. */
const SCHEDULE_GRACE_MS = 3 * 60_000;

/**
 * The job the reconciler sends for a running cluster's lease that nothing else will move: a lease asked for but
 * never started (the Running announcement was lost) → a poll starts it; a lease past its end whose schedule was
 * lost → the lease job ends it. Undefined when the lease's own schedule is in charge.
 */
export function leaseRecovery(record: ClusterRecord, now: number): Job | undefined {
  if (record.state !== 'RUNNING' || !record.lease) return undefined;
  if (record.lease.requested !== 'none' && !record.lease.startedAt)
    return { kind: 'poll', clusterId: record.id };
  if (isTicking(record.lease) && now >= Date.parse(record.lease.endsAt) + SCHEDULE_GRACE_MS)
    return { kind: 'lease', clusterId: record.id };
  return undefined;
}
