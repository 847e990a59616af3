import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { showCard } from './card';
import { showRequestMessage } from './request-message';

/**
 * Shows the record's state everywhere it is summarised outside the thread's status message: the approval card
 * and the request message in the channel. Every milestone calls it (a decision, the create, running, a resize,
 * a delete, deleted, failed); a new summary of a cluster is added here.
 */
export async function showMilestone(deps: Deps, record: ClusterRecord): Promise<void> {
  await Promise.all([showCard(deps, record), showRequestMessage(deps, record)]);
}

/** The same from the freshest record, for a caller whose record may be stale by now. */
export async function refreshMilestone(deps: Deps, record: Pick<ClusterRecord, 'id'>): Promise<void> {
  const fresh = await deps.store.get(record.id);
  if (fresh) await showMilestone(deps, fresh);
}
