import { leaseDue } from '../../domain/lease';
import { endLease } from '../../leases/expire';
import { remindOfLease } from '../../leases/remind';
import { armLease, leaseScheduleName } from '../../leases/schedule';
import { scopeOfRecord } from '../../teams/scope';
import type { JobHandler } from '../handler';

/**
 * The lease's schedule fired: looks at the lease as it is NOW (an extension may have moved it, someone may have
 * deleted the cluster or kept it), then sends the reminder that is due (once; late if the bot was down), or ends
 * the lease, and points the schedule at the next moment. Early firings just wait again.
 */
export const leaseJob: JobHandler<'lease'> = async ({ clusterId }, deps) => {
  const record = await deps.store.get(clusterId);
  if (!record) return;
  const due = leaseDue(record.lease, scopeOfRecord(deps, record).team.lease, deps.now());
  // Deleted (or being deleted) before its end: no reminder; at the end the thread hears there is nothing to do.
  if (record.state !== 'RUNNING')
    return record.state === 'DELETING' && due.kind === 'expire' ? endLease(deps, record) : undefined;
  switch (due.kind) {
    case 'expire':
      return endLease(deps, record);
    case 'remind':
      await remindOfLease(deps, record, due.before);
      return armLease(deps, record, due.before);
    case 'wait':
      return deps.scheduler.put(leaseScheduleName(clusterId), new Date(due.until), {
        kind: 'lease',
        clusterId,
      });
    case 'nothing':
      return;
  }
};
