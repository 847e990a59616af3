import type { Deps } from '../../deps';
import type { OsPatchSettings } from '../../palette/features/types';
import {
  type OsPatchForm,
  osPatchLine,
  PATCH_FIELDS,
  PATCH_ON_BOOT,
  REBOOT_IF_REQUIRED,
} from '../blocks/os-patch';
import { type ClusterForm, clusterFormSubmitted, cronOf, type Errors, tickedOf } from './cluster-form';

/** Palette's config with the form's settings over it: what the form does not show (the on-demand time) is kept. */
export function mergedOsPatch(current: OsPatchSettings | undefined, form: OsPatchForm): OsPatchSettings {
  const { schedule: _replaced, ...kept } = current ?? { patchOnBoot: false, rebootIfRequired: false };
  return { ...kept, ...form };
}

/**
 * The OS patch form. Palette's PATCH replaces the whole config (unset booleans become false), so the current
 * config is read again at submit and the merged whole is sent.
 */
const OS_PATCH_FORM: ClusterForm<OsPatchForm> = {
  action: 'patch',
  firstBlock: PATCH_FIELDS.schedule,
  read(values) {
    const errors: Errors = {};
    const schedule = cronOf(values, PATCH_FIELDS.schedule, errors);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    const flags = tickedOf(values, PATCH_FIELDS.options);
    return {
      ok: true,
      value: {
        ...(schedule ? { schedule } : {}),
        patchOnBoot: flags.includes(PATCH_ON_BOOT),
        rebootIfRequired: flags.includes(REBOOT_IF_REQUIRED),
      },
    };
  },
  async save(palette, uid, form) {
    const before = await palette.osPatch(uid);
    const after = mergedOsPatch(before, form);
    await palette.setOsPatch(uid, after);
    return { before, after };
  },
  refusalBlock: () => PATCH_FIELDS.schedule,
  line: osPatchLine,
  event: 'os-patch-changed',
  told: { emoji: ':adhesive_bandage:', what: 'OS patching' },
};

/** The OS-patch form submitted (see `clusterFormSubmitted`). */
export const osPatchSubmitted = (deps: Deps) => clusterFormSubmitted(deps, OS_PATCH_FORM);
