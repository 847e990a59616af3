import { machineText } from '../../../domain/figures';
import type { ClusterSpec, ControlPlanePool, WorkerPool } from '../../../domain/spec';
import { formatNodeLabels, formatTags, formatTaints } from '../../../domain/spec';
import { escapeText, truncate } from '../../../domain/text';
import type { Form } from '../../wizard/fields';
import { choiceIn, textOf } from '../../wizard/form';
import { packOverrideLines } from '../cluster-facts';

/** Longest piece of typed text shown in a summary line. */
const PIECE = 200;
const typed = (text: string) => escapeText(truncate(text, PIECE));
const orMissing = (text: string, missing: string) => (text.trim() ? typed(text.trim()) : missing);

/** A worker pool as typed so far (maybe unfinished), on one line for the pool list. */
export function poolFormSummary(form: Form): string {
  const resourcePool = choiceIn(form, 'resourcePool');
  return [
    `*${orMissing(textOf(form, 'name'), '(no name yet)')}*`,
    `size ${orMissing(textOf(form, 'size'), '?')}`,
    `${orMissing(textOf(form, 'cpu'), '?')} CPU, ${orMissing(textOf(form, 'memory'), '?')} MiB`,
    `${orMissing(textOf(form, 'disk'), '?')} GiB disk`,
    `resource pool ${resourcePool ? typed(resourcePool.text) : '—'}`,
  ].join(' · ');
}

const ROLLING_UPDATE_TEXT: Record<WorkerPool['rollingUpdate'], string> = {
  'expand-first': 'expand first',
  'contract-first': 'contract first',
};

/** A checked pool, with every setting, for the review. */
export function poolSummary(pool: ControlPlanePool | WorkerPool): string {
  const lines = [
    `*${typed(pool.name)}* — ${pool.size} node${pool.size === 1 ? '' : 's'}, ${machineText(pool.instanceType, pool.diskSizeGiB)}`,
    `Resource pool ${typed(pool.resourcePool)} · Availability zones ${pool.azs.length > 0 ? typed(pool.azs.join(', ')) : 'any'}`,
  ];
  if ('allowWorkerCapability' in pool)
    lines.push(`Allow worker capability: ${pool.allowWorkerCapability ? 'yes' : 'no'}`);
  if ('rollingUpdate' in pool) lines.push(`Rolling update: ${ROLLING_UPDATE_TEXT[pool.rollingUpdate]}`);
  if (pool.labels.length > 0)
    lines.push(`Labels: ${typed(formatNodeLabels(pool.labels).replace(/\n/g, ', '))}`);
  if (pool.taints.length > 0) lines.push(`Taints: ${typed(formatTaints(pool.taints).replace(/\n/g, ', '))}`);
  if (pool.machineTags && pool.machineTags.length > 0)
    lines.push(`MAAS machine tags: ${typed(pool.machineTags.join(', '))}`);
  return lines.join('\n');
}

/** The cluster's basics as section fields (at most 10, each well under Slack's 2,000). */
export function basicsFields(spec: ClusterSpec): string[] {
  return [
    `*Name*\n${typed(spec.name)}`,
    `*Cluster profile*\n${typed(spec.profileName ?? spec.profileUid)}`,
    `*Cloud account*\n${typed(spec.cloudAccountName ?? spec.cloudAccountUid)}`,
    `*Domain*\n${typed(spec.domain)}`,
    `*Tags*\n${spec.tags.length > 0 ? typed(formatTags(spec.tags)) : 'none'}`,
    `*Description*\n${spec.description ? escapeText(truncate(spec.description, 1000)) : 'none'}`,
  ];
}

/** The overrides, one a line (as the approval card lists them), or that the profile's values are used as they are. */
export function packOverridesSummary(spec: ClusterSpec): string {
  if (spec.packOverrides.length === 0) return 'The profile’s values, as they are.';
  return packOverrideLines(spec).join('\n');
}

/** The management settings, or that there are none. */
export function managementSummary(spec: ClusterSpec): string {
  const { management } = spec;
  const lines: string[] = [];
  if (management?.osPatch) {
    const { schedule, patchOnBoot, rebootIfRequired } = management.osPatch;
    const extras = [patchOnBoot ? 'patch on boot' : '', rebootIfRequired ? 'reboot if required' : ''].filter(
      Boolean,
    );
    lines.push(
      `OS patching: ${schedule ? `\`${typed(schedule)}\`` : 'no schedule'}${extras.length ? `, ${extras.join(', ')}` : ''}`,
    );
  }
  const scans = management?.scans;
  if (scans) {
    const named = [
      ['configuration', scans.configuration],
      ['penetration', scans.penetration],
      ['conformance', scans.conformance],
    ].filter((entry): entry is [string, string] => entry[1] !== undefined);
    if (named.length > 0)
      lines.push(`Scans: ${named.map(([kind, cron]) => `${kind} \`${typed(cron)}\``).join(', ')}`);
  }
  if (management?.backup) {
    const backup = management.backup;
    lines.push(
      `Backups: \`${typed(backup.schedule)}\` to ${typed(backup.locationName)} (prefix ${typed(backup.prefix)}), kept ${backup.expiryHours} h`,
    );
  }
  return lines.length > 0 ? lines.join('\n') : 'None.';
}
