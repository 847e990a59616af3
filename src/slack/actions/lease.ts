import type { BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { decide } from '../../domain/policy';
import { extendLease } from '../../leases/extend';
import type { Answer } from '../blocks/answers';
import { deleteConfirmView } from '../blocks/delete';
import { alreadyExtendedAnswer, beyondMaximumAnswer, extendedAnswer, noEndAnswer } from '../blocks/lease';
import { openModal } from '../modal';
import { refusalFor } from '../roles';
import { CLUSTER_GONE, clickedCluster } from './clicked-cluster';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction>;

const ExtendValueSchema = z.object({
  clusterId: z.string().min(1).max(200),
  seconds: z.number().int().positive(),
  from: z.string().min(1).max(40),
});

function readExtendValue(value: string | undefined) {
  try {
    return ExtendValueSchema.safeParse(JSON.parse(value ?? '')).data;
  } catch {
    return undefined;
  }
}

/**
 * Extend 1 day / Extend 1 week on a reminder: policy at click time (the requester or an admin, a running
 * cluster), the extension within the maximum as ONE conditional transition on the end the reminder showed (ten
 * clicks on one reminder extend once), the schedule moved. Every outcome is answered only to the clicker, in the thread.
 */
export function leaseExtendClicked(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    const value = readExtendValue(action.value);
    const clicked = await clickedCluster(deps, body, respond, { clusterId: value?.clusterId ?? '' });
    if (!value || !clicked) return;
    const { record, scope, actor, reply } = clicked;
    const { team } = scope;
    const outcome = await extendLease(deps, record, actor, value.seconds, value.from);
    const now = deps.now();
    let answer: Answer;
    if (outcome.ok) answer = extendedAnswer(record.name, outcome.endsAt, now);
    else if (outcome.kind === 'missing') answer = CLUSTER_GONE;
    else if (outcome.kind === 'refused') answer = refusalFor(team, outcome.refusal, record.requester);
    else if (outcome.kind === 'moved')
      answer = alreadyExtendedAnswer(record.name, outcome.record.lease?.endsAt, now);
    else if (outcome.kind === 'needs-approval')
      answer = beyondMaximumAnswer(record.name, outcome.endsAt, outcome.ceiling, now);
    else answer = noEndAnswer(record.name, outcome.reason);
    return reply(answer);
  };
}

/** Delete now on a reminder: the same confirmation as `/maas delete` (type the name), if policy allows it. */
export function leaseDeleteClicked(deps: Deps) {
  return async ({ ack, body, respond }: ButtonArgs) => {
    await ack();
    const clicked = await clickedCluster(deps, body, respond);
    if (!clicked) return;
    const { record, scope, actor, reply } = clicked;
    const decision = decide('delete', actor, record, deps.now(), scope.policy);
    if (!decision.ok) return reply(refusalFor(scope.team, decision, record.requester));
    const again = `Use \`/maas delete ${record.name}\``;
    const failure = await openModal(
      deps,
      () => deps.slack.views.open({ trigger_id: body.trigger_id, view: deleteConfirmView(record, 'delete') }),
      {
        log: 'Could not open the deletion confirmation from a lease reminder',
        details: { kind: 'delete' },
        expired: `:hourglass: Slack closed the window for opening the confirmation before I could. ${again}.`,
        other: `:warning: I could not open the confirmation just now. ${again}.`,
      },
    );
    if (failure) return reply(failure);
  };
}
