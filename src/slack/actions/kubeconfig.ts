import type { BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { decide } from '../../domain/policy';
import { requestKubeconfig } from '../kubeconfig-request';
import { refusalFor } from '../roles';
import { clickedCluster } from './clicked-cluster';

/**
 * A click on "Get kubeconfig" (the Running notice): decided like `/maas kubeconfig NAME`, for the person who
 * clicked; the answer (or the refusal, with who can) is shown only to them, where they clicked.
 */
export function kubeconfigClicked(deps: Deps) {
  return async ({ ack, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const clicked = await clickedCluster(deps, body, respond);
    if (!clicked) return;
    const { record, scope, actor, reply } = clicked;
    const decision = decide('kubeconfig', actor, record, deps.now(), scope.policy);
    if (!decision.ok) {
      await reply(refusalFor(scope.team, decision, record.requester));
      return;
    }
    await reply(await requestKubeconfig(deps, record, actor, body.trigger_id));
  };
}
