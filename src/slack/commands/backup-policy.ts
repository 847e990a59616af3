import { backupPolicyView } from '../blocks/backup-policy';
import { openClusterForm } from './cluster-form';
import type { CommandHandler } from './types';

/** `/maas backup NAME`: the backup policy form, filled with Palette's policy and backup locations. */
export const backupPolicy: CommandHandler<'backup-policy'> = (command, context) =>
  openClusterForm(command.name, context, {
    action: 'backup',
    word: 'backup',
    what: 'the backup policy',
    read: (palette, uid) => Promise.all([palette.clusterBackups(uid), palette.backupLocations()]),
    view: (record, [{ policy }, locations]) => backupPolicyView(record, policy, locations),
  });
