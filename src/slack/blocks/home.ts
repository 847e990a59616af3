import type { HomeView, KnownBlock } from '@slack/types';
import type { AuditEvent, ClusterRecord } from '../../domain/cluster';
import { escapeText, truncate } from '../../domain/text';
import { formatDuration, formatUtc } from '../../domain/time';
import { decisionButtons } from './approval-card';
import { context, link, mention, section, stateText } from './cluster-facts';

/** The App Home's Refresh button. */
export const HOME_REFRESH_ACTION = 'home:refresh';

/** How much the tab shows: bounded so the view stays far under Slack's 100 blocks (about 50 at most). */
export const HOME_LIMITS = { clusters: 20, approvals: 10, activity: 15 } as const;

/** A cluster with the link to its thread, when Slack gave one. */
export interface LinkedCluster {
  record: ClusterRecord;
  link?: string;
}

/** Everything the App Home shows for one person. */
export interface HomeContent {
  /** My clusters, newest first. */
  clusters: LinkedCluster[];
  /** Requests waiting for a decision I may make (link = the approval card); more than shown = "more waiting". */
  approvals: LinkedCluster[];
  /** Whether the person approves or administers (else the approvals part is left out). */
  decides: boolean;
  now: Date;
}

const header = (text: string): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text } });
const named = (item: LinkedCluster, label: string) =>
  item.link ? link(item.link, label) : `*${escapeText(label)}*`;
const byWhom = (by: string) => (/^[UW][A-Z0-9]+$/.test(by) ? mention(by) : by === 'palette' ? 'Palette' : by);

function clusterLine(item: LinkedCluster, now: Date): string {
  const { record } = item;
  const age = formatDuration(now.getTime() - Date.parse(record.requestedAt));
  return `${named(item, record.name)} — ${stateText(record)} · requested ${age} ago`;
}

function approvalBlocks(item: LinkedCluster, now: Date): KnownBlock[] {
  const { record } = item;
  const left = formatDuration(Date.parse(record.expiresAt) - now.getTime());
  return [
    section(
      `${named(item, record.name)} requested by ${mention(record.requester)} · ${record.spec.workerPools.length + 1} pools · expires in ${left}`,
    ),
    decisionButtons(record, `home:approval:${record.id}`),
  ];
}

/** The newest history lines of these clusters, one line each ("14:32 UTC *name* delete-started by @x"). */
export function activityLines(records: readonly ClusterRecord[], now: Date, limit: number): string[] {
  const entries: { name: string; entry: AuditEvent }[] = records.flatMap((record) =>
    record.history.map((entry) => ({ name: record.name, entry })),
  );
  entries.sort((a, b) => Date.parse(b.entry.at) - Date.parse(a.entry.at));
  return entries.slice(0, limit).map(({ name, entry }) => {
    const change =
      entry.from === entry.to ? '' : ` (${entry.from.toLowerCase()} → ${entry.to.toLowerCase()})`;
    const detail = entry.detail ? `: ${escapeText(truncate(entry.detail, 120))}` : '';
    return `${formatUtc(new Date(entry.at), now)} · *${escapeText(name)}* ${entry.event}${change} by ${byWhom(entry.by)}${detail}`;
  });
}

/** The App Home tab: my clusters (with their threads), requests I can decide (with the buttons), recent activity. */
export function homeView(content: HomeContent): HomeView {
  const { now } = content;
  const clusters = content.clusters.slice(0, HOME_LIMITS.clusters);
  const approvals = content.approvals.slice(0, HOME_LIMITS.approvals);
  const activity = activityLines(
    clusters.map((item) => item.record),
    now,
    HOME_LIMITS.activity,
  );
  const blocks: KnownBlock[] = [
    header('MAAS clusters'),
    {
      type: 'actions',
      block_id: 'home:toolbar',
      elements: [
        { type: 'button', action_id: HOME_REFRESH_ACTION, text: { type: 'plain_text', text: 'Refresh' } },
      ],
    },
    context(
      `Updated ${formatUtc(now, now)}. Request a cluster with \`/maas create-cluster\`; see \`/maas help\`.`,
    ),
    { type: 'divider' },
    header('My clusters'),
    ...(clusters.length > 0
      ? clusters.map((item) => section(clusterLine(item, now)))
      : [section('You have no clusters yet. Type `/maas create-cluster` to request one.')]),
  ];
  if (content.decides) {
    blocks.push({ type: 'divider' }, header('Waiting for my approval'));
    if (approvals.length === 0) blocks.push(section('Nothing is waiting for you.'));
    for (const item of approvals) blocks.push(...approvalBlocks(item, now));
    if (content.approvals.length > approvals.length)
      blocks.push(context('More requests are waiting: see the approvals channel.'));
  }
  blocks.push(
    { type: 'divider' },
    header('Recent activity'),
    section(activity.length > 0 ? activity.join('\n') : 'Nothing yet.'),
  );
  return { type: 'home', callback_id: 'home', blocks };
}
