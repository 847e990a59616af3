import type { BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decideAndApply } from '../../clusters/decide-apply';
import type { Deps } from '../../deps';
import { scopeOfRecord } from '../../teams/scope';
import { noticeAnswer } from '../blocks/answers';
import { forceDeleteAlreadySent, forceDeleteRequestedAnswer } from '../blocks/force-delete';
import { replyToClick } from '../click-reply';
import { refusalFor, resolveActor } from '../roles';

/** The answer when the cluster's record is gone. */
const GONE = 'This cluster is no longer known.';

/**
 * A click on Force delete (the thread notice, or `/maas force-delete`'s answer), after Slack's confirm dialog.
 * Policy decides at click time — admins only, once the window has opened (before it, the answer gives the
 * estimated time) — and ONE conditional transition records who and when; the `force-delete` job calls Palette.
 * Refusals are shown only to the person who clicked, in the thread where the button is.
 */
export function forceDeleteClicked(deps: Deps) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const clusterId = action.value ?? '';
    const record = await deps.store.get(clusterId);
    if (!record) {
      await replyToClick(deps, body, respond)(noticeAnswer(GONE));
      return;
    }
    // The roles are those of the cluster's team.
    const { team } = scopeOfRecord(deps, record);
    const actor = await resolveActor(deps, body.user.id, team);
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
        ? refusalFor(team, outcome.refusal, outcome.record.requester)
        : noticeAnswer(outcome.kind === 'missing' ? GONE : outcome.reason);
    await replyToClick(deps, body, respond)(answer);
  };
}
