import type { Deps } from '../../deps';
import { clusterNameProblem } from '../../domain/spec';
import type { BackupPolicy } from '../../palette/features/types';
import {
  BACKUP_FIELDS,
  INCLUDE_ALL_DISKS,
  INCLUDE_CLUSTER_RESOURCES,
  policyLine,
} from '../blocks/backup-policy';
import {
  type ClusterForm,
  clusterFormSubmitted,
  cronOf,
  type Errors,
  type FormRead,
  fieldOf,
  textOf,
  tickedOf,
  type Values,
} from './cluster-form';

/** The form's values as a policy, or the field errors keyed by block id. */
function readForm(values: Values): FormRead<BackupPolicy> {
  const text = (block: string) => textOf(values, block);
  const errors: Errors = {};
  const location = fieldOf(values, BACKUP_FIELDS.location)?.selected_option;
  const locationUid = location?.value ?? '';
  if (!locationUid) errors[BACKUP_FIELDS.location] = 'Pick a backup location.';
  const prefix = text(BACKUP_FIELDS.prefix);
  if (!/^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/.test(prefix))
    errors[BACKUP_FIELDS.prefix] =
      'Use 1–40 lowercase letters, digits or "-", starting and ending with a letter or digit.';
  const schedule = cronOf(values, BACKUP_FIELDS.schedule, errors);
  const expiry = Number(text(BACKUP_FIELDS.expiry));
  if (!Number.isInteger(expiry) || expiry <= 0)
    errors[BACKUP_FIELDS.expiry] = 'Give the expiry as a whole number of hours, more than 0.';
  const namespaces = text(BACKUP_FIELDS.namespaces)
    .split(/[\s,]+/)
    .filter(Boolean);
  const bad = namespaces.filter((namespace) => clusterNameProblem(namespace, 'namespace'));
  if (bad.length > 0)
    errors[BACKUP_FIELDS.namespaces] =
      `Not a namespace name (DNS-1123: lowercase letters, digits, "-"): ${bad.slice(0, 3).join(', ')}.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const flags = tickedOf(values, BACKUP_FIELDS.options);
  // The option reads "name (storage)": the name is the location's.
  const name = location?.text.text.replace(/ \([^)]*\)$/, '');
  const policy: BackupPolicy = {
    locationUid,
    ...(name ? { locationName: name } : {}),
    prefix,
    ...(schedule ? { schedule } : {}),
    expiryHours: expiry,
    namespaces: [...new Set(namespaces)],
    includeAllDisks: flags.includes(INCLUDE_ALL_DISKS),
    includeClusterResources: flags.includes(INCLUDE_CLUSTER_RESOURCES),
  };
  return { ok: true, value: policy };
}

/** The backup policy form: POST when the cluster had none, PUT otherwise. */
const BACKUP_POLICY_FORM: ClusterForm<BackupPolicy> = {
  action: 'backup',
  firstBlock: BACKUP_FIELDS.location,
  read: readForm,
  async save(palette, uid, policy, { exists }) {
    const before = (await palette.clusterBackups(uid)).policy;
    await palette.saveBackupPolicy(uid, policy, { exists: before !== undefined || exists });
    return { before, after: policy };
  },
  refusalBlock: (message) => (/location/i.test(message) ? BACKUP_FIELDS.location : BACKUP_FIELDS.schedule),
  line: policyLine,
  event: 'backup-policy-changed',
  told: { emoji: ':floppy_disk:', what: 'the backup policy' },
};

/**
 * The backup-policy form submitted: fields are checked (errors by block id), policy decides again, Palette gets
 * the policy, the history and the thread hear of it (see `clusterFormSubmitted`).
 */
export const backupPolicySubmitted = (deps: Deps) => clusterFormSubmitted(deps, BACKUP_POLICY_FORM);
