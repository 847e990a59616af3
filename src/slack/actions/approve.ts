import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { type Actor, recordApproval } from '../../domain/policy';
import { ConflictError } from '../../store/port';
import { admitApproval } from '../../teams/quota';
import { scopeOfRecord } from '../../teams/scope';
import { refusalAnswer } from '../blocks/answers';
import { quotaRefusalAnswer } from '../blocks/teams';
import { replyToClick } from '../click-reply';
import { resolveActor } from '../roles';
import { approvalRefusal, BUSY_ANSWER, DECISION_ATTEMPTS, MISSING_ANSWER } from './approval';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * Approve on the card (after its confirm dialog): policy at click time (`decide` with the request's team: its
 * approvers and admins, never the requester, not after expiry), then — for the approval that meets the team's
 * quorum — the team's quota admits the cluster (ONE conditional write on its ledger, so approvals racing for the
 * last nodes cannot all pass; a refusal says the numbers and the card shows them), then the approval as ONE
 * conditional transition — `approved` once the quorum of distinct approvers is met, else `approval-recorded`. A
 * lost race is re-read and decided again, so ten clicks make one decision and the others hear who decided. Then
 * the card and the thread are told (`decision`) and an approved request is sent to Palette (`create`). Refusals
 * go only to the clicker.
 */
export function approveClicked(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    const reply = replyToClick(deps, body, respond);
    let actor: Actor | undefined;
    for (let attempt = 0; attempt < DECISION_ATTEMPTS; attempt++) {
      const record = await deps.store.get(action.value ?? '');
      if (!record) return reply(MISSING_ANSWER);
      const scope = scopeOfRecord(deps, record);
      actor ??= await resolveActor(deps, body.user.id, scope.team);
      const refusal = approvalRefusal(deps, 'approve', actor, record);
      if (refusal) return reply(refusal);
      const now = deps.now();
      const outcome = recordApproval(record, actor, now, scope.policy);
      if (!outcome.ok) return reply(refusalAnswer(outcome, undefined));
      if (outcome.event === 'approved') {
        const quota = await admitApproval(deps, scope.team, record);
        if (!quota.ok) {
          // The card is re-rendered by the job: it shows the team's usage as it is now, over the quota.
          await deps.jobs.dispatch({ kind: 'decision', clusterId: record.id });
          return reply(quotaRefusalAnswer(scope.team, quota));
        }
      }
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
