import type { KnownBlock } from '@slack/types';
import type { Config } from '../../config';
import type { ClusterRecord, ReviewFindings } from '../../domain/cluster';
import { machineText, moneyText } from '../../domain/figures';
import { STATE_EMOJI, STATE_LABELS } from '../../domain/lifecycle';
import {
  type ClusterSpec,
  type ControlPlanePool,
  formatTags,
  totalNodes,
  type WorkerPool,
} from '../../domain/spec';
import { projectOfRecord } from '../../domain/team';
import { escapeText, truncate } from '../../domain/text';
import { formatUtc } from '../../domain/time';

/** Slack's limit on a section's text. */
export const SECTION_TEXT_LIMIT = 3_000;

/** A mention of a Slack user. */
export const mention = (userId: string) => `<@${userId}>`;

/** A list of people as mentions: "<@A>, <@B> and <@C>". */
export function mentions(userIds: readonly string[]): string {
  const all = userIds.map(mention);
  return all.length <= 1 ? (all[0] ?? '') : `${all.slice(0, -1).join(', ')} and ${all.at(-1)}`;
}

/** A mrkdwn section, cut to Slack's limit. */
export const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, SECTION_TEXT_LIMIT) },
});

/** A context line (small grey text). */
export const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncate(text, SECTION_TEXT_LIMIT) }],
});

/** A link in mrkdwn; the label is escaped (it may hold text people typed). */
export const link = (url: string, label: string) => `<${url}|${escapeText(label)}>`;

/** The state as people read it, with its emoji: ":construction: Provisioning". */
export const stateText = (record: Pick<ClusterRecord, 'state'>) =>
  `${STATE_EMOJI[record.state]} ${STATE_LABELS[record.state]}`;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** One pool for people: name, size, machine, zones and what was set on it (typed parts escaped). */
export function poolLine(pool: ControlPlanePool | WorkerPool): string {
  const isControlPlane = 'allowWorkerCapability' in pool;
  const { instanceType } = pool;
  const list = (items: string[]) => items.map(escapeText).join(', ');
  const parts = [
    `*${escapeText(pool.name)}*${isControlPlane ? ' (control plane)' : ''}`,
    plural(pool.size, 'node'),
    machineText(instanceType, pool.diskSizeGiB),
    pool.azs.length > 0 ? `zones ${list(pool.azs)}` : 'any zone',
    `resource pool ${escapeText(pool.resourcePool)}`,
  ];
  if (isControlPlane && pool.allowWorkerCapability) parts.push('runs workloads too');
  if ('rollingUpdate' in pool)
    parts.push(pool.rollingUpdate === 'expand-first' ? 'expand first' : 'contract first');
  if (pool.labels.length > 0) parts.push(`labels ${list(pool.labels.map((l) => `${l.key}=${l.value}`))}`);
  if (pool.taints.length > 0)
    parts.push(
      `taints ${list(pool.taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`))}`,
    );
  if (pool.machineTags && pool.machineTags.length > 0) parts.push(`MAAS tags ${list(pool.machineTags)}`);
  return parts.join(' · ');
}

/** Every pool of the spec, control plane first, one line each. */
export function poolLines(spec: Pick<ClusterSpec, 'controlPlane' | 'workerPools'>): string[] {
  return [poolLine(spec.controlPlane), ...spec.workerPools.map(poolLine)];
}

/** "profile-name · 5 nodes in 2 pools": a one-line summary of a spec. */
export function specSummary(spec: ClusterSpec): string {
  const pools = 1 + spec.workerPools.length;
  return `profile ${escapeText(spec.profileName ?? spec.profileUid)} · ${plural(totalNodes(spec), 'node')} in ${plural(pools, 'pool')}`;
}

/** The request's basics as section fields: requester, profile, placement, tags. */
export function basicsFields(record: Pick<ClusterRecord, 'requester' | 'spec'>): string[] {
  const { spec } = record;
  return [
    `*Requester*\n${mention(record.requester)}`,
    `*Cluster profile*\n${escapeText(spec.profileName ?? spec.profileUid)}`,
    `*Cloud account*\n${escapeText(spec.cloudAccountName ?? spec.cloudAccountUid)}`,
    `*Domain*\n${escapeText(spec.domain)}`,
    `*Tags*\n${spec.tags.length > 0 ? escapeText(truncate(formatTags(spec.tags), 1_500)) : '—'}`,
  ];
}

/** Overrides listed one a line before "…and N more" (keeps a section well under 3,000 characters). */
const OVERRIDES_SHOWN = 15;

/** The pack overrides, one a line: "• kubernetes: `pack.podCIDR` = `10.10.0.0/16`" (typed text escaped). */
export function packOverrideLines(spec: Pick<ClusterSpec, 'packOverrides'>): string[] {
  const shown = spec.packOverrides
    .slice(0, OVERRIDES_SHOWN)
    .map(
      (override) =>
        `• ${escapeText(override.pack)}: \`${escapeText(truncate(override.path, 100))}\` = \`${escapeText(truncate(override.value, 100)) || '""'}\``,
    );
  const more = spec.packOverrides.length - shown.length;
  return more > 0 ? [...shown, `…and ${more} more.`] : shown;
}

/** The review's warnings about the request itself: the account's gateway, and overrides of keys packs lack. */
export function warningLines(review: ReviewFindings): string[] {
  const lines: string[] = [];
  if (review.gateway)
    lines.push(`${review.gateway.healthy ? ':white_check_mark:' : ':warning:'} ${review.gateway.message}`);
  if (review.unknownOverrides?.length)
    lines.push(
      `:warning: The pack's values.yaml has no such key, so Palette adds it as written (a typo?): ${review.unknownOverrides.map((entry) => `\`${escapeText(truncate(entry, 120))}\``).join(', ')}.`,
    );
  return lines;
}

/** What Palette and MAAS said in review: validation, the gateway, cost estimate and capacity, as mrkdwn lines. */
export function findingsLines(review: ReviewFindings | undefined): string[] {
  if (!review) return ['_Palette has not reviewed this request yet._'];
  const lines = review.validation.ok
    ? [':white_check_mark: Palette validated the request.']
    : [
        ':warning: Palette found problems:',
        ...review.validation.messages.map((message) => `• ${escapeText(truncate(message, 300))}`),
      ];
  lines.push(...warningLines(review));
  if (review.estimate) {
    const { total, currency, perPool } = review.estimate;
    const pools = perPool
      .map((pool) => `${escapeText(pool.name)} ${moneyText(pool.total, currency)}`)
      .join(', ');
    lines.push(`:moneybag: About ${moneyText(total, currency)} a month${pools ? ` (${pools})` : ''}.`);
  } else lines.push(':moneybag: Palette gave no cost estimate.');
  if (review.capacity) {
    lines.push(
      review.capacity.ok ? ':white_check_mark: MAAS has the machines:' : ':warning: MAAS may lack machines:',
      ...review.capacity.lines.map((line) => `• ${escapeText(truncate(line, 300))}`),
      ...(review.capacity.counted ? [`_${escapeText(truncate(review.capacity.counted, 300))}_`] : []),
    );
  }
  return lines;
}

/** "14:32 UTC" for an ISO time, relative to now. */
export const when = (iso: string, now: Date) => formatUtc(new Date(iso), now);

/**
 * Where people open a cluster in Palette's console: `/projects/{project}/clusters/{uid}/overview` with a project
 * (the path Palette's console uses), else the tenant admin's `/admin/clusters/{uid}/overview`.
 */
export function consoleLink(
  config: Pick<Config, 'palette'>,
  paletteUid: string,
  projectUid: string | undefined,
): string {
  const scope = projectUid ? `/projects/${encodeURIComponent(projectUid)}` : '/admin';
  return `${config.palette.consoleUrl}${scope}/clusters/${encodeURIComponent(paletteUid)}/overview`;
}

/** Where people open a record's cluster in Palette's console (in the project it lives in), once it has one. */
export function recordConsoleLink(
  config: Pick<Config, 'palette' | 'teams'>,
  record: Pick<ClusterRecord, 'paletteUid' | 'team' | 'paletteProjectUid'>,
): string | undefined {
  return record.paletteUid
    ? consoleLink(config, record.paletteUid, projectOfRecord(config.teams, record))
    : undefined;
}
