import { leaseEndText } from '../../domain/lease';
import { escapeText } from '../../domain/text';
import { extendLease } from '../../leases/extend';
import { keepLease } from '../../leases/keep';
import { type Answer, noticeAnswer } from '../blocks/answers';
import { extensionReasonView } from '../blocks/extension';
import { beyondMaximumAnswer, extendedAnswer, keptAnswer, leaseAnswer, noEndAnswer } from '../blocks/lease';
import { openModal } from '../modal';
import { refusalFor } from '../roles';
import { checkClusterAction } from './guard';
import type { CommandHandler } from './types';

/** `/maas lease NAME`: when the lease ends, its maximum and reminders, a waiting extension. */
export const lease: CommandHandler<'lease'> = async ({ name }, context) => {
  const checked = await checkClusterAction('lease', name, context);
  if (!checked.ok) return checked.answer;
  return leaseAnswer(checked.record, checked.scope.team.lease, context.deps.now());
};

/**
 * `/maas extend NAME DURATION`: within the team's maximum the end moves at once (the requester or an admin);
 * beyond it a modal asks why, and the approvers decide on an extension card.
 */
export const extend: CommandHandler<'extend'> = async ({ name, seconds }, context) => {
  const { deps } = context;
  const checked = await checkClusterAction('extend', name, context);
  if (!checked.ok) return checked.answer;
  const { record, actor, scope } = checked;
  const outcome = await extendLease(deps, record, actor, seconds);
  const now = deps.now();
  if (outcome.ok) return extendedAnswer(record.name, outcome.endsAt, now);
  if (outcome.kind === 'missing') return noticeAnswer('This cluster is no longer known.');
  if (outcome.kind === 'refused') return refusalFor(scope.team, outcome.refusal, record.requester);
  // The command names no reminder, so its end never counts as moved.
  if (outcome.kind === 'no-end' || outcome.kind === 'moved')
    return noEndAnswer(
      record.name,
      outcome.kind === 'no-end' ? outcome.reason : 'its end just moved; try again',
    );
  const ceiling = leaseEndText(outcome.ceiling, now).replace(/^until /, 'at most until ');
  const failure: Answer | undefined = await openModal(
    deps,
    () =>
      context.client.views.open({
        trigger_id: context.slash.trigger_id,
        view: extensionReasonView(record, seconds, ceiling),
      }),
    {
      log: 'Could not open the extension reason',
      expired: `:hourglass: Slack closed the window for opening the form before I could. Please run \`/maas extend ${record.name}\` again.`,
      other: `:warning: I could not open the form just now. ${beyondMaximumAnswer(record.name, outcome.endsAt, outcome.ceiling, now).text}`,
    },
  );
  return failure;
};

/** `/maas lease NAME keep REASON`: an admin sets the lease to no expiry, saying why. */
export const keep: CommandHandler<'keep'> = async ({ name, reason }, context) => {
  const checked = await checkClusterAction('keep', name, context);
  if (!checked.ok) return checked.answer;
  const outcome = await keepLease(context.deps, checked.record.id, checked.actor, reason);
  if (outcome.ok) return keptAnswer(checked.record.name);
  if (outcome.kind === 'refused')
    return refusalFor(checked.scope.team, outcome.refusal, checked.record.requester);
  if (outcome.kind === 'nothing-to-do')
    return noticeAnswer(
      `:information_source: *${escapeText(checked.record.name)}*: ${escapeText(outcome.reason)}.`,
    );
  return noticeAnswer('This cluster is no longer known.');
};
