import { applyFresh } from '../clusters/decide-apply';
import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { isTicking, LEASE_ACTOR } from '../domain/lease';
import { leaseEndedMessage, leaseEndedWhileDeletingMessage } from '../slack/blocks/lease';
import { showMilestone } from '../slack/milestone';
import { postInThreadOnce } from '../slack/thread';

/**
 * The lease has ended: the cluster enters DELETING through ONE conditional transition (the claim: of duplicate
 * firings, only the one that makes it posts and dispatches the normal `delete` job; the others find it deleting),
 * then Palette's normal delete follows as for `/maas delete`. A cluster already being deleted is only told so.
 */
export async function endLease(deps: Deps, record: ClusterRecord): Promise<void> {
  const now = deps.now();
  const deleting = await applyFresh(deps, record, LEASE_ACTOR, (current) => {
    if (current.state !== 'RUNNING' || !isTicking(current.lease)) return undefined;
    if (now.getTime() < Date.parse(current.lease.endsAt)) return undefined;
    return {
      event: 'delete-started',
      detail: 'the lease ended',
      set: { deletingSince: now.toISOString(), deleteKind: 'delete', deletedBy: LEASE_ACTOR },
    };
  });
  if (!deleting) {
    const current = await deps.store.get(record.id);
    if (current?.state === 'DELETING' && current.deletedBy !== LEASE_ACTOR && isTicking(current.lease))
      await postInThreadOnce(
        deps,
        current,
        `lease-ended:${current.lease.endsAt}`,
        leaseEndedWhileDeletingMessage(current),
      );
    return;
  }
  await postInThreadOnce(deps, deleting, `lease-ended:${record.lease?.endsAt}`, leaseEndedMessage(deleting));
  await showMilestone(deps, deleting);
  await deps.jobs.dispatch({ kind: 'delete', clusterId: record.id });
}
