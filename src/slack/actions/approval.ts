import type { Deps } from '../../deps';
import type { ClusterRecord } from '../../domain/cluster';
import { type Actor, decide } from '../../domain/policy';
import { scopeOfRecord } from '../../teams/scope';
import { type Answer, noticeAnswer } from '../blocks/answers';
import { decisionLine } from '../blocks/approval-card';
import { refusalFor } from '../roles';

/** How many times a decision re-reads after losing a race before giving up (each loss means someone acted). */
export const DECISION_ATTEMPTS = 5;

/** The answer when everyone kept changing the request at once (practically never). */
export const BUSY_ANSWER = noticeAnswer(
  ':hourglass: Several people are deciding this request right now; look at the card and try again if needed.',
);

/** The answer when the card's request is gone. */
export const MISSING_ANSWER = noticeAnswer('This request no longer exists.');

/**
 * Why `actor` (resolved for the record's team) may not approve or reject `record` now, as the answer to show
 * them, or undefined when they may. A request someone already decided says who decided and when ("Approved by
 * <@x> at 14:32 UTC").
 */
export function approvalRefusal(
  deps: Deps,
  action: 'approve' | 'reject',
  actor: Actor,
  record: ClusterRecord,
): Answer | undefined {
  const now = deps.now();
  const { team, policy } = scopeOfRecord(deps, record);
  const decision = decide(action, actor, record, now, policy);
  if (decision.ok) return undefined;
  const decided = decision.kind === 'state' ? decisionLine(record, now) : undefined;
  if (decided) return noticeAnswer(`Already decided: ${decided}`);
  return refusalFor(team, decision, record.requester);
}
