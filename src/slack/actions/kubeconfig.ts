import type { BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { decide } from '../../domain/policy';
import { scopeOfRecord } from '../../teams/scope';
import { noticeAnswer } from '../blocks/answers';
import { replyToClick } from '../click-reply';
import { requestKubeconfig } from '../kubeconfig-request';
import { refusalFor, resolveActor } from '../roles';

/**
 * A click on "Get kubeconfig" (the Running notice): decided like `/maas kubeconfig NAME`, for the person who
 * clicked; the answer (or the refusal, with who can) is shown only to them, where they clicked.
 */
export function kubeconfigClicked(deps: Deps) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const reply = replyToClick(deps, body, respond);
    const record = await deps.store.get(action.value ?? '');
    if (!record) {
      await reply(noticeAnswer('This cluster is no longer known.'));
      return;
    }
    const scope = scopeOfRecord(deps, record);
    const actor = await resolveActor(deps, body.user.id, scope.team);
    const decision = decide('kubeconfig', actor, record, deps.now(), scope.policy);
    if (!decision.ok) {
      await reply(refusalFor(scope.team, decision, record.requester));
      return;
    }
    await reply(await requestKubeconfig(deps, record, actor, body.trigger_id));
  };
}
