import { runningOf } from '../../clusters/day2';
import type { Day2Feature } from '../../domain/day2';
import { escapeText } from '../../domain/text';
import { noticeAnswer } from '../blocks/answers';
import { alreadyRunningText, confirmNowAnswer, FEATURE_NAMES } from '../blocks/day2';
import { checkClusterAction } from './guard';
import type { CommandContext, CommandHandler } from './types';

/**
 * `/maas backup NAME now` and `/maas scan NAME now [KIND]`: policy decides (a running cluster, its requester or
 * an admin); one of the same feature already under way is the answer; else a button with Slack's confirm — the
 * click claims the run and the `day2-start` job asks Palette.
 */
async function offerNow(name: string, feature: Day2Feature, context: CommandContext) {
  const checked = await checkClusterAction(feature === 'backup' ? 'backup' : 'scan', name, context);
  if (!checked.ok) return checked.answer;
  const { record } = checked;
  const running = runningOf(record, feature);
  if (running) return noticeAnswer(alreadyRunningText(record.name, feature, running, context.deps.now()));
  const what =
    feature === 'backup'
      ? `Back up *${escapeText(record.name)}* now, with its backup policy's location, namespaces and expiry (the default location and every namespace when it has none)?`
      : `Run a ${FEATURE_NAMES[feature]} of *${escapeText(record.name)}* now?`;
  return confirmNowAnswer(record, feature, what);
}

/** `/maas backup NAME now`. */
export const backupNow: CommandHandler<'backup-now'> = (command, context) =>
  offerNow(command.name, 'backup', context);

/** `/maas scan NAME now [configuration|penetration|conformance]`. */
export const scanNow: CommandHandler<'scan-now'> = (command, context) =>
  offerNow(command.name, command.scan, context);
