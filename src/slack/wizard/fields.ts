import {
  MAX_CPU,
  MAX_DESCRIPTION_LENGTH,
  MAX_DISK_GIB,
  MAX_MACHINE_TAGS,
  MAX_MEMORY_MIB,
  MAX_NAME_LENGTH,
  MAX_POOL_SIZE,
  MAX_POOL_ZONES,
  MIN_CPU,
  MIN_DISK_GIB,
  MIN_MEMORY_MIB,
} from '../../domain/spec';

/** An option as selects show it and the draft keeps it: the value, and the text the person saw. */
export interface Choice {
  value: string;
  text: string;
}

/** What one field holds: text (inputs, numbers, single static choices), flags (checkboxes), or choices. */
export type FieldValue = string | string[] | Choice | Choice[];

/** A step's raw values by field id, as typed: kept in the draft so Back and pool switching lose nothing. */
export type Form = Record<string, FieldValue>;

/** Where an external select's options come from (all from Palette, the last four per cloud account). */
export type OptionSource = 'profiles' | 'accounts' | 'domains' | 'zones' | 'resourcePools' | 'machineTags';

interface FieldBase {
  id: string;
  /** The seed's parameter name (DESIGN §3), so people recognise it from Palette's console. */
  label: string;
  optional?: boolean;
  hint?: string;
  placeholder?: string;
}

/** One input of a wizard step; the block builder and the state reader both work from it. */
export type Field =
  | (FieldBase & { kind: 'text'; maxLength: number; multiline?: boolean })
  | (FieldBase & { kind: 'number'; min: number; max: number })
  | (FieldBase & { kind: 'select' | 'radio' | 'checkboxes'; options: readonly Choice[] })
  | (FieldBase & { kind: 'external'; source: OptionSource; dispatch?: boolean })
  | (FieldBase & { kind: 'multi-external'; source: OptionSource; maxItems: number });

/** Slack's longest plain-text input. */
const LONG_TEXT = 3000;
const CRON_LENGTH = 100;
const CRON_HINT = 'Five-field cron, e.g. 0 2 * * SUN. Leave empty for none.';

/** Step 1: Palette console's basic information, profile, and placement. */
export const CLUSTER_FIELDS: readonly Field[] = [
  {
    id: 'name',
    label: 'Name',
    kind: 'text',
    maxLength: MAX_NAME_LENGTH,
    hint: 'Lowercase letters, digits and "-", e.g. team-a-dev.',
  },
  {
    id: 'description',
    label: 'Description',
    kind: 'text',
    maxLength: MAX_DESCRIPTION_LENGTH,
    multiline: true,
    optional: true,
  },
  {
    id: 'tags',
    label: 'Tags',
    kind: 'text',
    maxLength: 2000,
    optional: true,
    hint: 'key:value or a bare key, separated by commas.',
    placeholder: 'team:a, dev',
  },
  { id: 'profile', label: 'Cluster profile', kind: 'external', source: 'profiles' },
  { id: 'account', label: 'Cloud account', kind: 'external', source: 'accounts', dispatch: true },
  {
    id: 'domain',
    label: 'Domain',
    kind: 'external',
    source: 'domains',
    placeholder: 'Choose a cloud account first',
  },
];

/** Fields every pool has (control plane and workers), after its size and role-specific field. */
const POOL_DETAILS: readonly Field[] = [
  {
    id: 'labels',
    label: 'Labels',
    kind: 'text',
    maxLength: LONG_TEXT,
    multiline: true,
    optional: true,
    hint: 'key=value, one a line. A label key belongs to one pool only.',
  },
  {
    id: 'taints',
    label: 'Taints',
    kind: 'text',
    maxLength: LONG_TEXT,
    multiline: true,
    optional: true,
    hint: 'key=value:Effect, one a line; Effect is NoSchedule, PreferNoSchedule or NoExecute.',
  },
  { id: 'cpu', label: 'Instance type: minimum CPUs', kind: 'number', min: MIN_CPU, max: MAX_CPU },
  {
    id: 'memory',
    label: 'Instance type: minimum memory (MiB)',
    kind: 'number',
    min: MIN_MEMORY_MIB,
    max: MAX_MEMORY_MIB,
  },
  {
    id: 'azs',
    label: 'Availability zones',
    kind: 'multi-external',
    source: 'zones',
    maxItems: MAX_POOL_ZONES,
    optional: true,
    hint: 'Leave empty to use any zone.',
  },
  { id: 'resourcePool', label: 'Resource pool', kind: 'external', source: 'resourcePools' },
  { id: 'disk', label: 'Disk size (GiB)', kind: 'number', min: MIN_DISK_GIB, max: MAX_DISK_GIB },
  {
    id: 'machineTags',
    label: 'MAAS machine tags',
    kind: 'multi-external',
    source: 'machineTags',
    maxItems: MAX_MACHINE_TAGS,
    optional: true,
    hint: 'Only machines with every one of these MAAS tags are used.',
  },
];

const poolName: Field = { id: 'name', label: 'Name', kind: 'text', maxLength: MAX_NAME_LENGTH };

/** Control-plane values Slack offers: 1, 3 or 5 (an odd count keeps etcd in quorum). */
export const CONTROL_PLANE_SIZE_CHOICES: readonly Choice[] = ['1', '3', '5'].map((size) => ({
  value: size,
  text: size,
}));

/** The checkbox value that turns "Allow worker capability" on. */
export const ALLOW_WORKER = 'allow';

/** Step 2: the control-plane pool. */
export const CONTROL_PLANE_FIELDS: readonly Field[] = [
  poolName,
  { id: 'size', label: 'Size', kind: 'select', options: CONTROL_PLANE_SIZE_CHOICES },
  {
    id: 'allowWorker',
    label: 'Allow worker capability',
    kind: 'checkboxes',
    optional: true,
    options: [{ value: ALLOW_WORKER, text: 'Run workloads on the control-plane nodes too' }],
  },
  ...POOL_DETAILS,
];

/** Rolling update choices, valued as the domain names them. */
export const ROLLING_UPDATE_CHOICES: readonly Choice[] = [
  { value: 'expand-first', text: 'Expand first (add a new node, then remove an old one)' },
  { value: 'contract-first', text: 'Contract first (remove an old node, then add a new one)' },
];

/** Step 3: one worker pool (one is edited at a time). */
export const WORKER_FIELDS: readonly Field[] = [
  poolName,
  { id: 'size', label: 'Size', kind: 'number', min: 1, max: MAX_POOL_SIZE },
  { id: 'rollingUpdate', label: 'Rolling update', kind: 'radio', options: ROLLING_UPDATE_CHOICES },
  ...POOL_DETAILS,
];

/** Checkbox values of the management step. */
export const MANAGEMENT_FLAGS = {
  patchOnBoot: 'patchOnBoot',
  rebootIfRequired: 'rebootIfRequired',
  includeAllDisks: 'includeAllDisks',
  includeClusterResources: 'includeClusterResources',
} as const;

const cron = (id: string, label: string): Field => ({
  id,
  label,
  kind: 'text',
  maxLength: CRON_LENGTH,
  optional: true,
  hint: CRON_HINT,
  placeholder: '0 2 * * SUN',
});

/** Step 4, second half: Palette console's optional management settings. */
export const MANAGEMENT_FIELDS: readonly Field[] = [
  cron('osPatchSchedule', 'OS patching schedule'),
  {
    id: 'osPatchOptions',
    label: 'OS patching',
    kind: 'checkboxes',
    optional: true,
    options: [
      { value: MANAGEMENT_FLAGS.patchOnBoot, text: 'Patch on boot' },
      { value: MANAGEMENT_FLAGS.rebootIfRequired, text: 'Reboot if required' },
    ],
  },
  cron('scanConfiguration', 'Configuration scan schedule'),
  cron('scanPenetration', 'Penetration scan schedule'),
  cron('scanConformance', 'Conformance scan schedule'),
  {
    id: 'backupLocation',
    label: 'Backup location',
    kind: 'text',
    maxLength: 200,
    optional: true,
    hint: 'The backup location name in Palette. Leave the backup fields empty for no backups.',
  },
  { id: 'backupPrefix', label: 'Backup prefix', kind: 'text', maxLength: 40, optional: true },
  { ...cron('backupSchedule', 'Backup schedule'), hint: 'Five-field cron, e.g. 0 3 * * *.' },
  {
    id: 'backupExpiry',
    label: 'Backup expiry (hours)',
    kind: 'number',
    min: 1,
    max: 24 * 365 * 5,
    optional: true,
  },
  {
    id: 'backupOptions',
    label: 'Backup contents',
    kind: 'checkboxes',
    optional: true,
    options: [
      { value: MANAGEMENT_FLAGS.includeAllDisks, text: 'Include all disks' },
      { value: MANAGEMENT_FLAGS.includeClusterResources, text: 'Include cluster resources' },
    ],
  },
  {
    id: 'backupNamespaces',
    label: 'Backup namespaces',
    kind: 'text',
    maxLength: 2000,
    optional: true,
    hint: 'Comma-separated; leave empty for all namespaces.',
  },
];

/** The field id of the n-th pack's overrides on the pack-values step. */
export function packFieldId(index: number): string {
  return `pack${index}`;
}

/** The overrides input of one pack of the chosen profile. */
export function packField(index: number, packName: string): Field {
  return {
    id: packFieldId(index),
    label: `Pack values: ${packName}`.slice(0, 2000),
    kind: 'text',
    maxLength: LONG_TEXT,
    multiline: true,
    optional: true,
    hint: 'key.path=value, one a line (# starts a comment). Leave empty to keep the profile’s values.',
    placeholder: 'key.path=value',
  };
}

/** Every external select of the wizard, for registering its options listener. */
export const EXTERNAL_FIELDS: readonly Extract<Field, { source: OptionSource }>[] = [
  ...CLUSTER_FIELDS,
  ...CONTROL_PLANE_FIELDS,
].filter((field): field is Extract<Field, { source: OptionSource }> => 'source' in field);
