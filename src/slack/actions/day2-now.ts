import type { BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { claimRun, runningOf } from '../../clusters/day2';
import type { Deps } from '../../deps';
import { noticeAnswer } from '../blocks/answers';
import { alreadyRunningText, nowRequestedAnswer, parseNowValue } from '../blocks/day2';
import { refusalFor } from '../roles';
import { CLUSTER_GONE, clickedCluster } from './clicked-cluster';

/**
 * A click on "Back up now" / "Scan now" (after Slack's confirm): policy decides at click time and ONE conditional
 * write claims the run — a second click, a retried delivery or someone else's click finds it claimed and is
 * answered with the run under way — then the `day2-start` job asks Palette.
 */
export function day2NowClicked(deps: Deps) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const target = parseNowValue(action.value);
    const clicked = await clickedCluster(deps, body, respond, { clusterId: target?.clusterId ?? '' });
    if (!target || !clicked) return;
    const { record, scope, actor, reply } = clicked;
    const { team } = scope;
    const outcome = await claimRun(deps, record, target.feature, actor);
    if (outcome.ok) {
      await deps.jobs.dispatch({ kind: 'day2-start', clusterId: record.id, feature: target.feature });
      const answer = nowRequestedAnswer(record.name, target.feature);
      if (body.container.is_ephemeral) return void (await respond({ replace_original: true, ...answer }));
      return reply(answer);
    }
    if (outcome.kind === 'refused') return reply(refusalFor(team, outcome.refusal, outcome.record.requester));
    if (outcome.kind === 'missing') return reply(CLUSTER_GONE);
    const running = runningOf(outcome.record, target.feature);
    return reply(
      noticeAnswer(
        running
          ? alreadyRunningText(outcome.record.name, target.feature, running, deps.now())
          : outcome.reason,
      ),
    );
  };
}
