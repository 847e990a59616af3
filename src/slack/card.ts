import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { quotaView } from '../teams/quota';
import { scopeOfRecord } from '../teams/scope';
import { approvalCard } from './blocks/approval-card';
import { permalinkOf, updateMessage } from './thread';

/**
 * The approval card's content for a record, with the link to its thread and — while it waits — what approving
 * it would do to its team's quota (read from the team's ledger now).
 */
export async function renderCard(deps: Deps, record: ClusterRecord) {
  const { channel, threadTs } = record.slack;
  const { team } = scopeOfRecord(deps, record);
  const [threadLink, quota] = await Promise.all([
    threadTs ? permalinkOf(deps, { channel, ts: threadTs }) : undefined,
    record.state === 'PENDING_APPROVAL'
      ? quotaView(deps, team, record.spec, 'approval', record.id)
      : undefined,
  ]);
  return approvalCard(record, {
    config: deps.config,
    now: deps.now(),
    team,
    ...(quota ? { quota } : {}),
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
