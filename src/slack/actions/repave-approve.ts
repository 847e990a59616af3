import type { BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decideAndApply } from '../../clusters/decide-apply';
import type { Deps } from '../../deps';
import { noticeAnswer } from '../blocks/answers';
import { refusalFor } from '../roles';
import { clickedCluster } from './clicked-cluster';

/**
 * A click on "Approve repave" (thread or approval channel): approvers and admins of the cluster's team (policy
 * `approve-repave`); each distinct approver is recorded in ONE conditional transition, and the `repave` job sends
 * Palette's approval once the team's quorum is met. Refusals and "already approved" go only to the clicker.
 */
export function repaveApproveClicked(deps: Deps) {
  return async ({ ack, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const clicked = await clickedCluster(deps, body, respond);
    if (!clicked) return;
    const { record, scope, actor, reply } = clicked;
    const required = scope.policy.requiredApprovals;
    const outcome = await decideAndApply(deps, record, 'approve-repave', actor, (current, at) => {
      const hold = current.care?.repave;
      if (!hold || hold.outcome)
        return { nothingToDo: `Palette no longer holds a repave of "${current.name}": nothing to approve.` };
      if (hold.approvals.some((approval) => approval.userId === actor.userId))
        return { nothingToDo: 'You have already approved this repave.' };
      if (hold.approvals.length >= required)
        return { nothingToDo: 'This repave already has its approvals: it is being sent to Palette.' };
      const approvals = [...hold.approvals, { userId: actor.userId, at }];
      const met = approvals.length >= required;
      return {
        event: met ? 'repave-approved' : 'repave-approval-recorded',
        detail: `${approvals.length} of ${required}`,
        set: { care: { ...current.care, repave: { ...hold, approvals } } },
      };
    });
    if (outcome.ok) {
      await deps.jobs.dispatch({ kind: 'repave', clusterId: record.id });
      return;
    }
    await reply(
      outcome.kind === 'refused'
        ? refusalFor(scope.team, outcome.refusal, outcome.record.requester)
        : noticeAnswer(outcome.kind === 'missing' ? 'This cluster is no longer known.' : outcome.reason),
    );
  };
}
