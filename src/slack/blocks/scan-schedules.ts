import type { ModalView } from '@slack/types';
import { SCAN_NAMES, type ScanKind } from '../../domain/command';
import { escapeText } from '../../domain/text';
import type { ScanSchedules } from '../../palette/features/types';
import { clusterFormModal, cronInput, scheduleText } from './form-fields';

/** The scan-schedules modal's callback id and its fields' block ids (one cron field per scan kind). */
export const SCAN_SCHEDULES_CALLBACK = 'scan-schedules';
export const SCAN_FIELDS = {
  configuration: 'scan-configuration',
  penetration: 'scan-penetration',
  conformance: 'scan-conformance',
} as const satisfies Record<ScanKind, string>;

const LABELS: Record<ScanKind, string> = {
  configuration: 'Configuration (kube-bench)',
  penetration: 'Penetration (kube-hunter)',
  conformance: 'Conformance (sonobuoy)',
};

/** The modal, filled with the cluster's current schedules (`undefined`: Palette has no scan policy yet). */
export function scanSchedulesView(
  cluster: { id: string; name: string },
  schedules: ScanSchedules | undefined,
): ModalView {
  return clusterFormModal(
    SCAN_SCHEDULES_CALLBACK,
    'Scan schedules',
    { clusterId: cluster.id, exists: schedules !== undefined },
    `Compliance scans of *${escapeText(cluster.name)}* (${schedules ? 'its current schedules' : 'no scan policy yet'}).`,
    SCAN_NAMES.map((kind) => cronInput(SCAN_FIELDS[kind], LABELS[kind], schedules?.[kind])),
  );
}

/** The schedules in one line, for the thread and the history (before → after). */
export function schedulesLine(schedules: ScanSchedules | undefined): string {
  if (!schedules) return 'none';
  return SCAN_NAMES.map((kind) => `${kind} ${scheduleText(schedules[kind])}`).join(', ');
}
