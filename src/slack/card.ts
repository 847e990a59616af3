import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { approvalCard } from './blocks/approval-card';
import { permalinkOf, updateMessage } from './thread';

/** The approval card's content for a record, with the link to its thread. */
export async function renderCard(deps: Deps, record: ClusterRecord) {
  const { channel, threadTs } = record.slack;
  const threadLink = threadTs ? await permalinkOf(deps, { channel, ts: threadTs }) : undefined;
  return approvalCard(record, {
    config: deps.config,
    now: deps.now(),
    ...(threadLink ? { threadLink } : {}),
  });
}

/**
 * Re-renders the approval card from `record`, which the caller has just read or written (a no-op until the card
 * is posted). Every milestone calls it: a decision, the create, running, failed, deleted.
 */
export async function showCard(deps: Deps, record: ClusterRecord): Promise<void> {
  const { approvalChannel, approvalTs } = record.slack;
  if (!approvalChannel || !approvalTs) return;
  await updateMessage(deps, { channel: approvalChannel, ts: approvalTs }, await renderCard(deps, record));
}

/** Re-renders the approval card from the freshest record, for a caller whose record may be stale by now. */
export async function refreshCard(deps: Deps, record: Pick<ClusterRecord, 'id'>): Promise<void> {
  const fresh = await deps.store.get(record.id);
  if (fresh) await showCard(deps, fresh);
}
