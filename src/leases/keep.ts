import { type Decided, decideAndApply } from '../clusters/decide-apply';
import type { Deps } from '../deps';
import type { Actor } from '../domain/policy';
import { leaseKeptMessage } from '../slack/blocks/lease';
import { postInThread } from '../slack/thread';
import { armLease, showNewEnd } from './schedule';

/**
 * An admin sets a cluster's lease to no expiry (policy: admins, a live cluster), recorded with who, when and why
 * as ONE conditional transition; the lease's schedule is removed and the thread is told.
 */
export async function keepLease(
  deps: Deps,
  clusterId: string,
  actor: Actor,
  reason: string,
): Promise<Decided> {
  const outcome = await decideAndApply(deps, clusterId, 'keep', actor, (record, at) => {
    if (record.lease?.kept)
      return { nothingToDo: `it is already kept with no expiry, by <@${record.lease.kept.by}>` };
    const lease = {
      ...(record.lease ?? { requested: 'none' as const }),
      kept: { by: actor.userId, at, reason },
    };
    return { event: 'lease-kept', detail: reason, set: { lease } };
  });
  if (!outcome.ok) return outcome;
  await armLease(deps, outcome.record);
  await postInThread(deps, outcome.record, leaseKeptMessage(outcome.record, actor.userId, reason));
  await showNewEnd(deps, clusterId);
  return outcome;
}
