import { applyFresh } from '../clusters/decide-apply';
import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { leaseDetail, startedLease } from '../domain/lease';
import { armLease } from './schedule';

/**
 * Starts the lease of a cluster that is Running: its end is counted from `runningSince` (so starting twice gives
 * the same end), recorded once in the history, and its schedule armed. Resolves to the record as it now is.
 */
export async function startLease(deps: Deps, record: ClusterRecord): Promise<ClusterRecord> {
  const saved = await applyFresh(deps, record, 'bot', (current) => {
    if (current.state !== 'RUNNING' || !current.lease || current.lease.startedAt || !current.runningSince)
      return undefined;
    const lease = startedLease(current.lease, current.runningSince);
    return { event: 'lease-started', detail: leaseDetail(lease), set: { lease } };
  });
  // Nothing to do: no lease, or another run started it (the record read may predate that: read it again).
  const started = saved ?? (record.lease ? ((await deps.store.get(record.id)) ?? record) : record);
  await armLease(deps, started);
  return started;
}
