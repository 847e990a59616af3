import type { ModalView } from '@slack/types';
import { escapeText } from '../../domain/text';
import type { BackupLocation, BackupPolicy } from '../../palette/features/types';
import {
  checkboxesInput,
  clusterFormModal,
  cronInput,
  FIELD_ACTION,
  option,
  plain,
  scheduleText,
  textInput,
} from './form-fields';

/** The backup-policy modal's callback id and its fields' block ids (the field errors are keyed by them). */
export const BACKUP_POLICY_CALLBACK = 'backup-policy';
export const BACKUP_FIELDS = {
  location: 'backup-location',
  prefix: 'backup-prefix',
  schedule: 'backup-schedule',
  expiry: 'backup-expiry',
  namespaces: 'backup-namespaces',
  options: 'backup-options',
} as const;
const DISKS = 'include-all-disks';
const RESOURCES = 'include-cluster-resources';

/** The modal, filled with the cluster's current policy (or the default location and sensible values). */
export function backupPolicyView(
  cluster: { id: string; name: string },
  policy: BackupPolicy | undefined,
  locations: readonly BackupLocation[],
): ModalView {
  const options = locations
    .slice(0, 100)
    .map((location) =>
      option(`${location.name}${location.storage ? ` (${location.storage})` : ''}`, location.uid),
    );
  const current =
    locations.find(
      (location) => location.uid === policy?.locationUid || location.name === policy?.locationName,
    ) ?? locations.find((location) => location.isDefault);
  const initialOption = current && options.find((candidate) => candidate.value === current.uid);
  const flags = [option('Include all disks', DISKS), option('Include cluster resources', RESOURCES)];
  return clusterFormModal(
    BACKUP_POLICY_CALLBACK,
    'Backup policy',
    { clusterId: cluster.id, exists: policy !== undefined },
    `Backups of *${escapeText(cluster.name)}* (${policy ? 'its current policy' : 'no policy yet'}).`,
    [
      {
        type: 'input',
        block_id: BACKUP_FIELDS.location,
        label: plain('Location'),
        element: {
          type: 'static_select',
          action_id: FIELD_ACTION,
          options,
          ...(initialOption ? { initial_option: initialOption } : {}),
        },
      },
      textInput(BACKUP_FIELDS.prefix, 'Prefix', policy?.prefix ?? 'scheduled', 'Backup names start with it.'),
      cronInput(BACKUP_FIELDS.schedule, 'Schedule (cron)', policy?.schedule),
      textInput(
        BACKUP_FIELDS.expiry,
        'Expiry (hours)',
        String(policy?.expiryHours ?? 720),
        'How long a backup is kept.',
      ),
      textInput(
        BACKUP_FIELDS.namespaces,
        'Namespaces',
        policy?.namespaces.join(', '),
        'Comma-separated; empty = every namespace.',
        true,
      ),
      checkboxesInput(BACKUP_FIELDS.options, 'Options', flags, (flag) =>
        Boolean(flag === DISKS ? policy?.includeAllDisks : (policy?.includeClusterResources ?? true)),
      ),
    ],
  );
}

/** The policy in one line, for the thread and the history (before → after). */
export function policyLine(policy: BackupPolicy | undefined): string {
  if (!policy) return 'none';
  const schedule = scheduleText(policy.schedule);
  const namespaces = policy.namespaces.length > 0 ? policy.namespaces.join(', ') : 'all namespaces';
  const flags = [
    policy.includeAllDisks ? 'all disks' : '',
    policy.includeClusterResources ? 'cluster resources' : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${schedule} to ${policy.locationName ?? policy.locationUid ?? '?'}, prefix ${policy.prefix ?? '—'}, kept ${policy.expiryHours ?? '—'} h, ${namespaces}${flags ? `, ${flags}` : ''}`;
}

export { DISKS as INCLUDE_ALL_DISKS, RESOURCES as INCLUDE_CLUSTER_RESOURCES };
