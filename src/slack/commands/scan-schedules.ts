import { scanSchedulesView } from '../blocks/scan-schedules';
import { openClusterForm } from './cluster-form';
import type { CommandHandler } from './types';

/** `/maas scan NAME`: the scan schedules form, filled with Palette's current schedules. */
export const scanSchedules: CommandHandler<'scan-schedules'> = (command, context) =>
  openClusterForm(command.name, context, {
    action: 'scan',
    word: 'scan',
    what: 'the scan schedules',
    read: (palette, uid) => palette.scanSchedules(uid),
    view: scanSchedulesView,
  });
