import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { isTicking, nextLeaseMoment } from '../domain/lease';
import { scopeOfRecord } from '../teams/scope';

/** The one schedule of a cluster's lease: moved (never doubled) by each extension, reminder and re-arm. */
export function leaseScheduleName(clusterId: string): string {
  return `lease_${clusterId}`;
}

/**
 * Points the lease's schedule at its next moment — the next reminder after `handledBefore` (the reminder just
 * handled), else the end. A record whose lease does not tick (no end, kept, not running) has its schedule removed.
 */
export async function armLease(
  deps: Pick<Deps, 'scheduler' | 'config' | 'palettes'>,
  record: ClusterRecord,
  handledBefore?: number,
): Promise<void> {
  const name = leaseScheduleName(record.id);
  if (record.state !== 'RUNNING' || !isTicking(record.lease)) return deps.scheduler.cancel(name);
  const { team } = scopeOfRecord(deps, record);
  const at = nextLeaseMoment(record.lease, team.lease, handledBefore);
  await deps.scheduler.put(name, new Date(at), { kind: 'lease', clusterId: record.id });
}

/**
 * The status message and the card show the lease's new end: a running cluster's `poll` refreshes both (and
 * announces nothing twice), so a moved end is shown where people look without a second renderer.
 */
export async function showNewEnd(deps: Pick<Deps, 'jobs'>, clusterId: string): Promise<void> {
  await deps.jobs.dispatch({ kind: 'poll', clusterId });
}
