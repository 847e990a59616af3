import type { HomeView, KnownBlock } from '@slack/types';
import type { AuditEvent, ClusterRecord } from '../../domain/cluster';
import { bySoonestLeaseEnd, leaseEndShort } from '../../domain/lease';
import { escapeText } from '../../domain/text';
import { formatDuration, formatUtc } from '../../domain/time';
import { decisionButtons } from './approval-card';
import { context, link, mention, section, stateText } from './cluster-facts';
import { historyPhrase } from './history';

/** The App Home's Refresh button. */
export const HOME_REFRESH_ACTION = 'home:refresh';

/** How much the tab shows: bounded so the view stays far under Slack's 100 blocks (about 50 at most). */
export const HOME_LIMITS = { clusters: 20, approvals: 10, activity: 15, everyone: 20 } as const;

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
  /** Active clusters I approved or rejected: their history is my activity too. */
  decided?: ClusterRecord[];
  /** Admins only: every active cluster (link = its thread), oldest first; more than shown = "more". */
  everyone?: LinkedCluster[];
  /** The answer to what the person just did on the tab (a refused click), shown at its top. */
  notice?: string;
  now: Date;
}

const header = (text: string): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text } });
const named = (item: LinkedCluster, label: string) =>
  item.link ? link(item.link, label) : `*${escapeText(label)}*`;

function clusterLine(item: LinkedCluster, now: Date): string {
  const { record } = item;
  const age = formatDuration(now.getTime() - Date.parse(record.requestedAt));
  const lease = record.state === 'RUNNING' ? leaseEndShort(record.lease) : undefined;
  return `${named(item, record.name)} — ${stateText(record)}${lease ? ` · ${lease}` : ''} · requested ${age} ago`;
}

function everyoneLine(item: LinkedCluster): string {
  return `${named(item, item.record.name)} — ${stateText(item.record)} · requested by ${mention(item.record.requester)}`;
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

/**
 * The newest history lines of these clusters (each cluster once), for people: "14:32 UTC · *name* <@x> started
 * the delete". The bot's bookkeeping notes are not activity and are left out.
 */
export function activityLines(records: readonly ClusterRecord[], now: Date, limit: number): string[] {
  const unique = [...new Map(records.map((record) => [record.id, record])).values()];
  const entries: { name: string; entry: AuditEvent; phrase: string }[] = unique.flatMap((record) =>
    record.history.flatMap((entry) => {
      const phrase = historyPhrase(entry);
      return phrase ? [{ name: record.name, entry, phrase }] : [];
    }),
  );
  entries.sort((a, b) => Date.parse(b.entry.at) - Date.parse(a.entry.at));
  return entries
    .slice(0, limit)
    .map(
      ({ name, entry, phrase }) => `${formatUtc(new Date(entry.at), now)} · *${escapeText(name)}* ${phrase}`,
    );
}

/**
 * The App Home tab: my clusters (with their threads), requests I can decide (with the buttons), every active
 * cluster for admins, and recent activity — of my clusters and of those I decided (for admins: of every active
 * one). A refused click on the tab is answered at its top.
 */
export function homeView(content: HomeContent): HomeView {
  const { now } = content;
  // Leases about to end first: those are the clusters that need a decision.
  const clusters = bySoonestLeaseEnd(
    content.clusters.map((item) => ({
      ...item,
      lease: item.record.state === 'RUNNING' ? item.record.lease : undefined,
    })),
  ).slice(0, HOME_LIMITS.clusters);
  const approvals = content.approvals.slice(0, HOME_LIMITS.approvals);
  const everyone = content.everyone?.slice(0, HOME_LIMITS.everyone);
  const activity = activityLines(
    [
      ...clusters.map((item) => item.record),
      ...(content.decided ?? []),
      ...(everyone ?? []).map((item) => item.record),
    ],
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
    ...(content.notice ? [section(content.notice)] : []),
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
  if (everyone) {
    blocks.push({ type: 'divider' }, header('All active clusters'));
    blocks.push(
      section(
        everyone.length > 0 ? everyone.map(everyoneLine).join('\n') : 'No cluster is active right now.',
      ),
    );
    if ((content.everyone?.length ?? 0) > everyone.length)
      blocks.push(context('More are active: see `/maas list`.'));
  }
  blocks.push(
    { type: 'divider' },
    header('Recent activity'),
    section(activity.length > 0 ? activity.join('\n') : 'Nothing yet.'),
  );
  return { type: 'home', callback_id: 'home', blocks };
}
