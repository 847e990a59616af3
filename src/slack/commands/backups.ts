import { PaletteError } from '../../palette/errors';
import { scopeOfRecord } from '../../teams/scope';
import { paletteTroubleAnswer } from '../blocks/answers';
import { backupsAnswer } from '../blocks/day2';
import { checkClusterAction } from './guard';
import type { CommandHandler } from './types';

/** `/maas backups NAME`: the cluster's recent backups as Palette lists them (state, time, expiry), to the asker. */
export const backups: CommandHandler<'backups'> = async (command, context) => {
  const checked = await checkClusterAction('backups', command.name, context);
  if (!checked.ok) return checked.answer;
  const { record } = checked;
  if (!record.paletteUid) return backupsAnswer(record.name, [], context.deps.now());
  try {
    const { backups: list } = await scopeOfRecord(context.deps, record).palette.clusterBackups(
      record.paletteUid,
    );
    return backupsAnswer(record.name, list, context.deps.now());
  } catch (error) {
    if (error instanceof PaletteError) return paletteTroubleAnswer('list the backups', error.message);
    throw error;
  }
};
