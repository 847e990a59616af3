import type { BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { requestPatch } from '../../clusters/os-patch';
import type { Deps } from '../../deps';
import { escapeText } from '../../domain/text';
import { PaletteError } from '../../palette/errors';
import { noticeAnswer, plainMessage } from '../blocks/answers';
import { patchRequestedMessage } from '../blocks/day2';
import { refusalFor } from '../roles';
import { postInThread } from '../thread';
import { clickedCluster } from './clicked-cluster';

/**
 * A click on "Patch now" (after Slack's confirm): policy decides, one conditional write records it (a repeat
 * within ten minutes is answered with the first), the whole OS patch config goes to Palette, the thread is told.
 */
export function patchNowClicked(deps: Deps) {
  return async ({ ack, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const clicked = await clickedCluster(deps, body, respond);
    if (!clicked) return;
    const { record, actor, reply } = clicked;
    const { team } = clicked.scope;
    const outcome = await requestPatch(deps, record, actor);
    if (outcome.ok) {
      await postInThread(deps, outcome.record, patchRequestedMessage(actor.userId, outcome.sent, deps.now()));
      const answer = noticeAnswer(
        `:wrench: OS patching of *${escapeText(record.name)}* asked for; see the thread.`,
      );
      if (body.container.is_ephemeral) return void (await respond({ replace_original: true, ...answer }));
      return reply(answer);
    }
    if ('paletteError' in outcome) {
      if (!(outcome.paletteError instanceof PaletteError)) throw outcome.paletteError;
      const text = `:x: Palette refused OS patching of *${escapeText(record.name)}*: ${escapeText(outcome.paletteError.message)}`;
      await postInThread(deps, outcome.record, plainMessage(text));
      return reply(noticeAnswer(text));
    }
    const { decided } = outcome;
    if (decided.kind === 'refused') return reply(refusalFor(team, decided.refusal, decided.record.requester));
    return reply(
      noticeAnswer(decided.kind === 'missing' ? 'This cluster is no longer known.' : decided.reason),
    );
  };
}
