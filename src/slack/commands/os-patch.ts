import { osPatchView } from '../blocks/os-patch';
import { openClusterForm } from './cluster-form';
import type { CommandHandler } from './types';

/** `/maas patch NAME`: the OS patching form, filled with Palette's current osPatchConfig. */
export const osPatch: CommandHandler<'patch-settings'> = (command, context) =>
  openClusterForm(command.name, context, {
    action: 'patch',
    word: 'patch',
    what: 'the OS patch settings',
    read: async (palette, uid) =>
      (await palette.osPatch(uid)) ?? { patchOnBoot: false, rebootIfRequired: false },
    view: osPatchView,
  });
