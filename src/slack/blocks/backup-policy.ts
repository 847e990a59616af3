import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { escapeText, truncate } from '../../domain/text';
import type { BackupLocation, BackupPolicy } from '../../palette/features/types';

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
/** Every field's action id. */
export const FIELD_ACTION = 'value';
const DISKS = 'include-all-disks';
const RESOURCES = 'include-cluster-resources';

/** What the modal carries to its submission. */
export interface BackupPolicyMetadata {
  clusterId: string;
  /** Whether Palette had a policy when the modal opened: PUT, else POST. */
  exists: boolean;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (text: string, value: string): PlainTextOption => ({ text: plain(truncate(text, 75)), value });

function textInput(
  blockId: string,
  label: string,
  initial: string | undefined,
  hint: string,
  optional = false,
): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional,
    label: plain(label),
    hint: plain(hint),
    element: {
      type: 'plain_text_input',
      action_id: FIELD_ACTION,
      ...(initial ? { initial_value: initial } : {}),
    },
  };
}

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
  const checked = flags.filter((flag) =>
    flag.value === DISKS ? policy?.includeAllDisks : (policy?.includeClusterResources ?? true),
  );
  const metadata: BackupPolicyMetadata = { clusterId: cluster.id, exists: policy !== undefined };
  return {
    type: 'modal',
    callback_id: BACKUP_POLICY_CALLBACK,
    private_metadata: JSON.stringify(metadata),
    title: plain('Backup policy'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `Backups of *${escapeText(cluster.name)}* (${policy ? 'its current policy' : 'no policy yet'}).`,
        },
      },
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
      textInput(
        BACKUP_FIELDS.schedule,
        'Schedule (cron)',
        policy?.schedule,
        'Five fields, e.g. 0 2 * * *; empty = no schedule.',
        true,
      ),
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
      {
        type: 'input',
        block_id: BACKUP_FIELDS.options,
        optional: true,
        label: plain('Options'),
        element: {
          type: 'checkboxes',
          action_id: FIELD_ACTION,
          options: flags,
          ...(checked.length > 0 ? { initial_options: checked } : {}),
        },
      },
    ],
  };
}

/** The policy in one line, for the thread and the history (before → after). */
export function policyLine(policy: BackupPolicy | undefined): string {
  if (!policy) return 'none';
  const schedule = policy.schedule ? `\`${policy.schedule}\`` : 'no schedule';
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
