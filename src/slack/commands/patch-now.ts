import { escapeText } from '../../domain/text';
import { confirmAnswer, PATCH_NOW_ACTION } from '../blocks/day2';
import { checkClusterAction } from './guard';
import type { CommandHandler } from './types';

/** `/maas patch NAME now`: policy decides, then a "Patch now" button with Slack's confirm. */
export const patchNow: CommandHandler<'patch-now'> = async (command, context) => {
  const checked = await checkClusterAction('patch', command.name, context);
  if (!checked.ok) return checked.answer;
  const { record } = checked;
  return confirmAnswer(
    { actionId: PATCH_NOW_ACTION, value: record.id, label: 'Patch now' },
    `Patch the OS of every node of *${escapeText(record.name)}* in a minute? Nodes may reboot if the cluster's patch settings say so.`,
  );
};
