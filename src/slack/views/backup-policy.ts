import type { SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { decideAndApply } from '../../clusters/decide-apply';
import type { Deps } from '../../deps';
import { cronProblem } from '../../domain/cron';
import { decide } from '../../domain/policy';
import { clusterNameProblem } from '../../domain/spec';
import { PaletteError } from '../../palette/errors';
import type { BackupPolicy } from '../../palette/features/types';
import { scopeOfRecord } from '../../teams/scope';
import { plainMessage } from '../blocks/answers';
import {
  BACKUP_FIELDS,
  FIELD_ACTION,
  INCLUDE_ALL_DISKS,
  INCLUDE_CLUSTER_RESOURCES,
  policyLine,
} from '../blocks/backup-policy';
import { mention } from '../blocks/cluster-facts';
import { describeWho, resolveActor } from '../roles';
import { postInThread } from '../thread';

const MetadataSchema = z.object({ clusterId: z.string().min(1).max(200), exists: z.boolean() });

type Values = ViewSubmitAction['view']['state']['values'];
type Errors = Record<string, string>;

/** The form's values as a policy, or the field errors keyed by block id. */
function readForm(values: Values): { ok: true; policy: BackupPolicy } | { ok: false; errors: Errors } {
  const field = (block: string) => values[block]?.[FIELD_ACTION];
  const text = (block: string) => (field(block)?.value ?? '').trim();
  const errors: Errors = {};
  const locationUid = field(BACKUP_FIELDS.location)?.selected_option?.value ?? '';
  if (!locationUid) errors[BACKUP_FIELDS.location] = 'Pick a backup location.';
  const prefix = text(BACKUP_FIELDS.prefix);
  if (!/^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/.test(prefix))
    errors[BACKUP_FIELDS.prefix] =
      'Use 1–40 lowercase letters, digits or "-", starting and ending with a letter or digit.';
  const schedule = text(BACKUP_FIELDS.schedule);
  const cron = schedule ? cronProblem(schedule) : undefined;
  if (cron) errors[BACKUP_FIELDS.schedule] = `Not a cron schedule: ${cron}.`;
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
  const flags = (field(BACKUP_FIELDS.options)?.selected_options ?? []).map((option) => option.value);
  // The option reads "name (storage)": the name is the location's.
  const name = field(BACKUP_FIELDS.location)?.selected_option?.text.text.replace(/ \([^)]*\)$/, '');
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
  return { ok: true, policy };
}

/**
 * The backup-policy form submitted: fields are checked (errors by block id), policy decides again, Palette gets
 * the policy — POST when the cluster had none, PUT otherwise (a POST Palette answers 409 is sent again as a PUT)
 * — then the history records who changed what (before → after) and the thread is told. Palette's refusal is
 * shown on the form.
 */
export function backupPolicySubmitted(deps: Deps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction>) => {
    const parsed = MetadataSchema.safeParse(JSON.parse(view.private_metadata || '{}'));
    const record = parsed.success ? await deps.store.get(parsed.data.clusterId) : undefined;
    if (!parsed.success || !record?.paletteUid) {
      await ack({
        response_action: 'errors',
        errors: { [BACKUP_FIELDS.location]: 'This cluster is no longer known.' },
      });
      return;
    }
    const scope = scopeOfRecord(deps, record);
    const actor = await resolveActor(deps, body.user.id, scope.team);
    const allowed = decide('backup', actor, record, deps.now(), scope.policy);
    if (!allowed.ok) {
      const who =
        allowed.kind === 'role'
          ? ` Who can: ${describeWho(scope.team, allowed.allowedRoles ?? [], record.requester) ?? 'an admin'}.`
          : '';
      await ack({
        response_action: 'errors',
        errors: { [BACKUP_FIELDS.location]: `${allowed.reason} ${allowed.hint}${who}` },
      });
      return;
    }
    const read = readForm(view.state.values);
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    const form = read.policy;
    const palette = scope.palette;
    let before: BackupPolicy | undefined;
    try {
      before = (await palette.clusterBackups(record.paletteUid)).policy;
      await palette.saveBackupPolicy(record.paletteUid, form, {
        exists: before !== undefined || parsed.data.exists,
      });
    } catch (error) {
      if (!(error instanceof PaletteError) || error.status === 429 || error.status >= 500) throw error;
      const block = /location/i.test(error.message) ? BACKUP_FIELDS.location : BACKUP_FIELDS.schedule;
      await ack({ response_action: 'errors', errors: { [block]: `Palette refused it: ${error.message}` } });
      return;
    }
    await ack();
    const change = `${policyLine(before)} → ${policyLine(form)}`;
    const applied = await decideAndApply(deps, record, 'backup', actor, () => ({
      event: 'backup-policy-changed',
      detail: change,
    }));
    if (applied.ok)
      await postInThread(
        deps,
        applied.record,
        plainMessage(`:floppy_disk: ${mention(actor.userId)} changed the backup policy: ${change}`),
      );
  };
}
