import type { BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { decideExtension } from '../../leases/extension';
import { scopeOfRecord } from '../../teams/scope';
import { noticeAnswer } from '../blocks/answers';
import { replyToClick } from '../click-reply';
import { refusalFor, resolveActor } from '../roles';

/**
 * Approve or Reject on an extension card: the approvers of the cluster's team decide, with the same quorum and
 * no-self-approval rules as a create (see leases/extension.ts); refusals go only to the clicker.
 */
export function extensionDecisionClicked(deps: Deps, verdict: 'approve' | 'reject') {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const reply = replyToClick(deps, body, respond);
    const record = await deps.store.get(action.value ?? '');
    if (!record) return reply(noticeAnswer('This cluster is no longer known.'));
    const { team } = scopeOfRecord(deps, record);
    const actor = await resolveActor(deps, body.user.id, team);
    const outcome = await decideExtension(deps, record.id, actor, verdict);
    if (outcome.ok) return;
    if (outcome.kind === 'refused') return reply(refusalFor(team, outcome.refusal, record.requester));
    if (outcome.kind === 'nothing-to-do')
      return reply(noticeAnswer(`:information_source: ${outcome.reason}`));
    return reply(noticeAnswer('This cluster is no longer known.'));
  };
}
