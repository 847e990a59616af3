import type { BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { decideExtension } from '../../leases/extension';
import { noticeAnswer } from '../blocks/answers';
import { refusalFor } from '../roles';
import { clickedCluster } from './clicked-cluster';

/**
 * Approve or Reject on an extension card: the approvers of the cluster's team decide, with the same quorum and
 * no-self-approval rules as a create (see leases/extension.ts); refusals go only to the clicker.
 */
export function extensionDecisionClicked(deps: Deps, verdict: 'approve' | 'reject') {
  return async ({ ack, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const clicked = await clickedCluster(deps, body, respond);
    if (!clicked) return;
    const { record, actor, reply } = clicked;
    const { team } = clicked.scope;
    const outcome = await decideExtension(deps, record.id, actor, verdict);
    if (outcome.ok) return;
    if (outcome.kind === 'refused') return reply(refusalFor(team, outcome.refusal, record.requester));
    if (outcome.kind === 'nothing-to-do')
      return reply(noticeAnswer(`:information_source: ${outcome.reason}`));
    return reply(noticeAnswer('This cluster is no longer known.'));
  };
}
