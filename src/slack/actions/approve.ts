import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { recordApproval } from '../../domain/policy';
import { ConflictError } from '../../store/port';
import { refusalAnswer } from '../blocks/answers';
import { replyToClick } from '../click-reply';
import { resolveActor } from '../roles';
import { approvalRefusal, BUSY_ANSWER, DECISION_ATTEMPTS, MISSING_ANSWER } from './approval';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * Approve on the card (after its confirm dialog): policy at click time (`decide`: approvers and admins, never the
 * requester, not after expiry), then the approval as ONE conditional transition — `approved` once the quorum of
 * distinct approvers is met, else `approval-recorded`. A lost race is re-read and decided again, so ten clicks
 * make one decision and the others hear who decided. Then the card and the thread are told (`decision`) and an
 * approved request is sent to Palette (`create`). Refusals go only to the clicker.
 */
export function approveClicked(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    const reply = replyToClick(deps, body, respond);
    const actor = await resolveActor(deps, body.user.id);
    for (let attempt = 0; attempt < DECISION_ATTEMPTS; attempt++) {
      const record = await deps.store.get(action.value ?? '');
      if (!record) return reply(MISSING_ANSWER);
      const refusal = approvalRefusal(deps, 'approve', actor, record);
      if (refusal) return reply(refusal);
      const now = deps.now();
      const outcome = recordApproval(record, actor, now, deps.config.policy);
      if (!outcome.ok) return reply(refusalAnswer(outcome, undefined));
      try {
        await deps.store.apply(record, {
          event: outcome.event,
          by: actor.userId,
          at: now.toISOString(),
          ...(outcome.remaining > 0 ? { detail: `${outcome.remaining} more approval(s) needed.` } : {}),
          set: { approvals: outcome.approvals },
        });
      } catch (error) {
        if (error instanceof ConflictError) continue;
        throw error;
      }
      await deps.jobs.dispatch({ kind: 'decision', clusterId: record.id });
      if (outcome.event === 'approved') await deps.jobs.dispatch({ kind: 'create', clusterId: record.id });
      return;
    }
    return reply(BUSY_ANSWER);
  };
}
