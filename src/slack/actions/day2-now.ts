import type { BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { claimRun, runningOf } from '../../clusters/day2';
import type { Deps } from '../../deps';
import { scopeOfRecord } from '../../teams/scope';
import { noticeAnswer } from '../blocks/answers';
import { alreadyRunningText, nowRequestedAnswer, parseNowValue } from '../blocks/day2';
import { replyToClick } from '../click-reply';
import { refusalFor, resolveActor } from '../roles';

/**
 * A click on "Back up now" / "Scan now" (after Slack's confirm): policy decides at click time and ONE conditional
 * write claims the run — a second click, a retried delivery or someone else's click finds it claimed and is
 * answered with the run under way — then the `day2-start` job asks Palette.
 */
export function day2NowClicked(deps: Deps) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const reply = replyToClick(deps, body, respond);
    const target = parseNowValue(action.value);
    const record = target && (await deps.store.get(target.clusterId));
    if (!target || !record) return reply(noticeAnswer('This cluster is no longer known.'));
    const { team } = scopeOfRecord(deps, record);
    const actor = await resolveActor(deps, body.user.id, team);
    const outcome = await claimRun(deps, record, target.feature, actor);
    if (outcome.ok) {
      await deps.jobs.dispatch({ kind: 'day2-start', clusterId: record.id, feature: target.feature });
      const answer = nowRequestedAnswer(record.name, target.feature);
      if (body.container.is_ephemeral) return void (await respond({ replace_original: true, ...answer }));
      return reply(answer);
    }
    if (outcome.kind === 'refused') return reply(refusalFor(team, outcome.refusal, outcome.record.requester));
    if (outcome.kind === 'missing') return reply(noticeAnswer('This cluster is no longer known.'));
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
