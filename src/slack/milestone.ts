import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { showCard } from './card';
import { whenSlackHasRoom } from './deferral';
import { showRequestMessage } from './request-message';
import { slackRateLimited } from './thread';

/**
 * Shows the record's state everywhere it is summarised outside the thread's status message: the approval card
 * and the request message in the channel. Every milestone calls it (a decision, the create, running, a resize,
 * a delete, deleted, failed); a new summary of a cluster is added here. When Slack's budget for edits is spent
 * (a burst of milestones), the `summaries` job redraws them from the freshest record once it has room: the
 * thread's notice that follows never waits behind edits.
 */
export async function showMilestone(deps: Deps, record: ClusterRecord): Promise<void> {
  try {
    await Promise.all([showCard(deps, record), showRequestMessage(deps, record)]);
  } catch (error) {
    if (!slackRateLimited(error)) throw error;
    await whenSlackHasRoom(deps, { kind: 'summaries', clusterId: record.id });
  }
}

/** The same from the freshest record, for a caller whose record may be stale by now. */
export async function refreshMilestone(deps: Deps, record: Pick<ClusterRecord, 'id'>): Promise<void> {
  const fresh = await deps.store.get(record.id);
  if (fresh) await showMilestone(deps, fresh);
}
