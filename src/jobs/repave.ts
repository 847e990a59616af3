import { applyFresh } from '../clusters/decide-apply';
import type { Deps } from '../deps';
import type { RepaveHold } from '../domain/care';
import type { ClusterRecord } from '../domain/cluster';
import type { RepaveStatus } from '../palette/after-running';
import { isNotFound, PaletteError } from '../palette/errors';
import { repaveApprovalNotice, repaveCard } from '../slack/blocks/care';
import { postInThread, postInThreadOnce, updateMessage } from '../slack/thread';
import type { TeamScope } from '../teams/scope';

/** How long a posted card is remembered as posted for one hold (a hold lasts hours or days). */
const CARD_CLAIM_SECONDS = 30 * 24 * 3600;

/** Saves the record's repave hold (a `note`), computed from the freshest record; undefined when `plan` declines. */
export function saveHold(
  deps: Pick<Deps, 'store' | 'now'>,
  record: ClusterRecord,
  detail: string,
  plan: (current: RepaveHold | undefined) => RepaveHold | undefined,
): Promise<ClusterRecord | undefined> {
  return applyFresh(deps, record, 'bot', (current) => {
    const hold = plan(current.care?.repave);
    return hold ? { event: 'note', detail, set: { care: { ...current.care, repave: hold } } } : undefined;
  });
}

/** Redraws every card of the record's hold (the button goes once the hold has an outcome). */
export async function refreshRepaveCards(deps: Deps, record: ClusterRecord, scope: TeamScope): Promise<void> {
  const hold = record.care?.repave;
  if (!hold) return;
  const card = repaveCard(deps.config, record, hold, scope.policy.requiredApprovals, deps.now());
  for (const place of hold.cards) await updateMessage(deps, place, card);
}

/**
 * Palette holds a repave the bot has not shown yet: the card goes to the cluster's thread and the team's approval
 * channel once per hold (claimed: several sweeps may see it), and the hold is saved with where the cards are.
 */
export async function openRepaveHold(
  deps: Deps,
  record: ClusterRecord,
  scope: TeamScope,
  status: RepaveStatus,
): Promise<void> {
  const since = status.since ?? deps.now().toISOString();
  if (record.care?.repave?.since === since) return;
  if (!(await deps.store.claimOnce(`repave-card:${record.id}:${since}`, CARD_CLAIM_SECONDS))) return;
  const hold: RepaveHold = { since, reasons: status.reasons, approvals: [], cards: [] };
  const card = repaveCard(deps.config, record, hold, scope.policy.requiredApprovals, deps.now());
  // The approval channel's card is the one approvers watch: a thread Slack refuses does not stop it.
  const inThread = await postInThread(deps, record, card).catch((error: unknown) => {
    deps.logger.warn('Could not post the repave card in the thread.', { clusterId: record.id, error });
    return undefined;
  });
  const inChannel = await deps.slack.chat.postMessage({
    channel: scope.team.approvalChannel,
    text: card.text,
    ...(card.blocks ? { blocks: card.blocks } : {}),
  });
  const cards = [
    ...(inThread ? [{ channel: record.slack.channel, ts: inThread }] : []),
    ...(inChannel.ts && inChannel.channel ? [{ channel: inChannel.channel, ts: inChannel.ts }] : []),
  ];
  await saveHold(deps, record, 'Palette holds a repave for approval', () => ({ ...hold, cards }));
}

/** Palette no longer holds the repave: the outcome is saved and the cards lose their button. */
export async function endRepaveHold(
  deps: Deps,
  record: ClusterRecord,
  scope: TeamScope,
  outcome: NonNullable<RepaveHold['outcome']>,
): Promise<void> {
  const at = deps.now().toISOString();
  const saved = await saveHold(deps, record, `repave ${outcome}`, (hold) =>
    hold && !hold.outcome ? { ...hold, outcome, endedAt: at } : undefined,
  );
  if (saved) await refreshRepaveCards(deps, saved, scope);
}

/**
 * After an approval: with the quorum met, `PATCH …/repave/approve` goes to Palette exactly once — the conditional
 * save of `approvedAt` is the claim, undone if Palette fails so the job's retry tries again — then the cards and
 * the thread say who approved and when. Short of the quorum, the cards and thread show the count.
 */
export async function followRepaveApproval(
  deps: Deps,
  record: ClusterRecord,
  scope: TeamScope,
): Promise<void> {
  const hold = record.care?.repave;
  if (!hold || !record.paletteUid) return;
  const required = scope.policy.requiredApprovals;
  if (hold.approvals.length < required || hold.outcome) {
    await refreshRepaveCards(deps, record, scope);
    if (!hold.outcome)
      await postInThreadOnce(
        deps,
        record,
        `repave-approval:${hold.since}:${hold.approvals.length}`,
        repaveApprovalNotice(record, hold, required),
      );
    return;
  }
  const claimed = await saveHold(deps, record, 'repave approval sent to Palette', (current) =>
    current?.since === hold.since && !current.approvedAt && !current.outcome
      ? { ...current, approvedAt: deps.now().toISOString() }
      : undefined,
  );
  if (!claimed) return;
  try {
    await scope.palette.approveRepave(record.paletteUid);
  } catch (error) {
    // Palette no longer holds it (409) or the cluster is gone: the hold ends; anything else is tried again.
    if (!(error instanceof PaletteError && (error.status === 409 || isNotFound(error)))) {
      await saveHold(deps, claimed, 'repave approval failed; will retry', (current) => {
        if (!current) return undefined;
        const { approvedAt: _unsent, ...rest } = current;
        return rest;
      });
      throw error;
    }
    await endRepaveHold(deps, claimed, scope, 'gone');
    return;
  }
  await endRepaveHold(deps, claimed, scope, 'approved');
  await postInThreadOnce(
    deps,
    claimed,
    `repave-approved:${hold.since}`,
    repaveApprovalNotice(claimed, hold, required),
  );
}
