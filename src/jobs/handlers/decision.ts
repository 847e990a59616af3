import type { Deps } from '../../deps';
import { type ClusterRecord, lastEvent } from '../../domain/cluster';
import { approvalRecordedNotice, decisionNotice } from '../../slack/blocks/notices';
import { showMilestone } from '../../slack/milestone';
import { type BotMessage, postInThreadOnce } from '../../slack/thread';
import { scopeOfRecord } from '../../teams/scope';
import { cancelExpiry } from '../expiry';
import type { JobHandler } from '../handler';
import { refreshHomesFor } from '../homes';

/** What the thread is told about the record's decision, and the key that makes it once-only. */
function noticeFor(deps: Deps, record: ClusterRecord): { key: string; message: BotMessage } | undefined {
  const now = deps.now();
  if (lastEvent(record, 'approved')) return { key: 'approved', message: decisionNotice(record, now) };
  if (record.state === 'REJECTED' || record.state === 'EXPIRED')
    return { key: record.state.toLowerCase(), message: decisionNotice(record, now) };
  if (record.state === 'PENDING_APPROVAL' && record.approvals.length > 0)
    return {
      key: `approval-${record.approvals.length}`,
      message: approvalRecordedNotice(record, scopeOfRecord(deps, record).team.requiredApprovals),
    };
  return undefined;
}

/**
 * After an approval, a rejection or an expiry: the card and the request message are re-rendered (buttons gone once decided; who decided
 * and when; "1 of 2 approvals" on the way; the rejection's reason) and the requester is told in the thread with a
 * mention — exactly once per decision (`claimOnce`). The App Home of everyone it is shown to is re-published. A
 * decided request's expiry schedule is cancelled.
 */
export const decision: JobHandler<'decision'> = async ({ clusterId }, deps) => {
  const record = await deps.store.get(clusterId);
  if (!record) return;
  await showMilestone(deps, record);
  await refreshHomesFor(deps, record);
  const notice = noticeFor(deps, record);
  if (!notice) return;
  // A decision can land between the card and the thread being posted: wait for the thread (the job is retried).
  if (!record.slack.threadTs)
    throw new Error('The request thread is not posted yet; the decision waits for it.');
  await postInThreadOnce(deps, record, `decision:${notice.key}`, notice.message);
  if (record.state !== 'PENDING_APPROVAL') await cancelExpiry(deps, record);
};
