import type { ModalView } from '@slack/types';
import { escapeText } from '../../domain/text';
import type { OsPatchSettings } from '../../palette/features/types';
import { checkboxesInput, clusterFormModal, cronInput, option, scheduleText } from './form-fields';

/** The OS-patch modal's callback id and its fields' block ids. */
export const OS_PATCH_CALLBACK = 'os-patch';
export const PATCH_FIELDS = { schedule: 'patch-schedule', options: 'patch-options' } as const;
/** The option values of the two flags. */
export const PATCH_ON_BOOT = 'patch-on-boot';
export const REBOOT_IF_REQUIRED = 'reboot-if-required';

/** The settings the form shows and sets (Palette's on-demand patch time is not one of them: it is kept). */
export type OsPatchForm = Omit<OsPatchSettings, 'onDemandPatchAfter'>;

/** The modal, filled with the cluster's current OS patch settings. */
export function osPatchView(cluster: { id: string; name: string }, settings: OsPatchSettings): ModalView {
  const flags = [option('Patch on boot', PATCH_ON_BOOT), option('Reboot if required', REBOOT_IF_REQUIRED)];
  // Palette always has an OS patch config (all unset at first): its PATCH replaces it, there is no POST.
  return clusterFormModal(
    OS_PATCH_CALLBACK,
    'OS patching',
    { clusterId: cluster.id, exists: true },
    `OS patching of the nodes of *${escapeText(cluster.name)}*.`,
    [
      cronInput(PATCH_FIELDS.schedule, 'Schedule (cron)', settings.schedule),
      checkboxesInput(PATCH_FIELDS.options, 'Options', flags, (flag) =>
        flag === PATCH_ON_BOOT ? settings.patchOnBoot : settings.rebootIfRequired,
      ),
    ],
  );
}

/** The settings in one line, for the thread and the history (before → after). */
export function osPatchLine(settings: OsPatchForm | undefined): string {
  if (!settings) return 'none';
  const flags = [
    settings.patchOnBoot ? 'patch on boot' : '',
    settings.rebootIfRequired ? 'reboot if required' : '',
  ].filter(Boolean);
  return `${scheduleText(settings.schedule)}${flags.length > 0 ? `, ${flags.join(', ')}` : ''}`;
}
