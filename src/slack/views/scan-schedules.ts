import type { Deps } from '../../deps';
import { SCAN_NAMES } from '../../domain/command';
import { SCAN_DRIVER, type ScanSchedules } from '../../palette/features/types';
import { SCAN_FIELDS, schedulesLine } from '../blocks/scan-schedules';
import { type ClusterForm, clusterFormSubmitted, cronOf, type Errors } from './cluster-form';

/** The scan schedules form: POST when the cluster had no scan policy, PUT otherwise. */
const SCAN_SCHEDULES_FORM: ClusterForm<ScanSchedules> = {
  action: 'scan',
  firstBlock: SCAN_FIELDS.configuration,
  read(values) {
    const errors: Errors = {};
    const schedules: ScanSchedules = {};
    for (const kind of SCAN_NAMES) {
      const schedule = cronOf(values, SCAN_FIELDS[kind], errors);
      if (schedule) schedules[kind] = schedule;
    }
    return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: schedules };
  },
  async save(palette, uid, schedules, { exists }) {
    const before = await palette.scanSchedules(uid);
    await palette.saveScanSchedules(uid, schedules, { exists: before !== undefined || exists });
    return { before, after: schedules };
  },
  // Palette names a driver (kubeHunter) or a kind: the field of the scan it names.
  refusalBlock: (message) =>
    SCAN_FIELDS[
      SCAN_NAMES.find((kind) => new RegExp(`${kind}|${SCAN_DRIVER[kind]}`, 'i').test(message)) ??
        'configuration'
    ],
  line: schedulesLine,
  event: 'scan-policy-changed',
  told: { emoji: ':shield:', what: 'the scan schedules' },
};

/** The scan-schedules form submitted (see `clusterFormSubmitted`). */
export const scanSchedulesSubmitted = (deps: Deps) => clusterFormSubmitted(deps, SCAN_SCHEDULES_FORM);
