import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { extensionsWithinMax, isTicking } from '../domain/lease';
import { leaseReminderMessage } from '../slack/blocks/lease';
import { postInThreadOnce } from '../slack/thread';
import { scopeOfRecord } from '../teams/scope';

/**
 * Posts the reminder due `before` the end in the thread, once per (end, reminder): a duplicate firing, or a
 * firing for an end an extension has since moved, posts nothing new.
 */
export async function remindOfLease(deps: Deps, record: ClusterRecord, before: number): Promise<void> {
  if (!isTicking(record.lease)) return;
  const { team } = scopeOfRecord(deps, record);
  const message = leaseReminderMessage(
    record,
    record.lease.endsAt,
    extensionsWithinMax(record.lease, team.lease),
    deps.now(),
  );
  await postInThreadOnce(deps, record, `lease-reminder:${record.lease.endsAt}:${before}`, message);
}
