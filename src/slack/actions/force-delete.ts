import type { BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decideAndApply } from '../../clusters/decide-apply';
import type { Deps } from '../../deps';
import { noticeAnswer } from '../blocks/answers';
import { forceDeleteAlreadySent, forceDeleteRequestedAnswer } from '../blocks/force-delete';
import { refusalFor } from '../roles';
import { CLUSTER_GONE, clickedCluster } from './clicked-cluster';

/**
 * A click on Force delete (the thread notice, or `/maas force-delete`'s answer), after Slack's confirm dialog.
 * Policy decides at click time — admins only, once the window has opened (before it, the answer gives the
 * estimated time) — and ONE conditional transition records who and when; the `force-delete` job calls Palette.
 * Refusals are shown only to the person who clicked, in the thread where the button is.
 */
export function forceDeleteClicked(deps: Deps) {
  return async ({ ack, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    // The roles are those of the cluster's team.
    const clicked = await clickedCluster(deps, body, respond);
    if (!clicked) return;
    const { record, scope, actor, reply } = clicked;
    const clusterId = record.id;
    const outcome = await decideAndApply(deps, record, 'force-delete', actor, (current, at) =>
      current.forceDeleteAt
        ? { nothingToDo: forceDeleteAlreadySent(current, deps.now()) }
        : { event: 'force-delete-started', set: { forceDeleteBy: actor.userId, forceDeleteAt: at } },
    );
    if (outcome.ok) {
      await deps.jobs.dispatch({ kind: 'force-delete', clusterId });
      // The command's offer is the clicker's own message: replace it. The thread notice is updated by the job.
      if (body.container.is_ephemeral)
        await respond({ replace_original: true, ...forceDeleteRequestedAnswer(outcome.record.name) });
      return;
    }
    const answer =
      outcome.kind === 'refused'
        ? refusalFor(scope.team, outcome.refusal, outcome.record.requester)
        : outcome.kind === 'missing'
          ? CLUSTER_GONE
          : noticeAnswer(outcome.reason);
    await reply(answer);
  };
}
