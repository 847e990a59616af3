import { scopeOfRecord } from '../../teams/scope';
import { paletteTroubleAnswer } from '../blocks/answers';
import { backupPolicyView } from '../blocks/backup-policy';
import { readWithinBudget } from '../budget';
import { openModal } from '../modal';
import { checkClusterAction } from './guard';
import type { CommandHandler } from './types';

/**
 * `/maas backup NAME`: policy decides (running, requester or admin); Palette's current policy and backup
 * locations are read within the listener's budget and the modal opens filled with them.
 */
export const backupPolicy: CommandHandler<'backup-policy'> = async (command, context) => {
  const checked = await checkClusterAction('backup', command.name, context);
  if (!checked.ok) return checked.answer;
  const { record, scope } = checked;
  const uid = record.paletteUid!;
  const read = await readWithinBudget(() =>
    Promise.all([
      scopeOfRecord(context.deps, record).palette.clusterBackups(uid),
      scope.palette.backupLocations(),
    ]),
  );
  if (!read.ok) return paletteTroubleAnswer('read the backup policy', read.problem);
  const [{ policy }, locations] = read.value;
  const again = `Please run \`/maas backup ${record.name}\` again`;
  return openModal(
    context.deps,
    () =>
      context.client.views.open({
        trigger_id: context.slash.trigger_id,
        view: backupPolicyView(record, policy, locations),
      }),
    {
      log: 'Could not open the backup policy',
      expired: `:hourglass: Slack closed the window for opening the form before I could. ${again}.`,
      other: `:warning: I could not open the form just now. ${again} in a minute.`,
    },
  );
};
