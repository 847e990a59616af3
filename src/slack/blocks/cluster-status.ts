import type { KnownBlock } from '@slack/types';
import type { Config } from '../../config';
import type { ClusterRecord, Progress } from '../../domain/cluster';
import { eventForObservation, isTerminal, stateFromPalette } from '../../domain/lifecycle';
import { escapeText, truncate } from '../../domain/text';
import { formatDuration } from '../../domain/time';
import type { ClusterEvent, ClusterSummary } from '../../palette/port';
import type { Answer } from './answers';
import { decisionLine, lifecycleLine } from './approval-card';
import {
  basicsFields,
  consoleLink,
  context,
  link,
  mentions,
  poolLines,
  recordConsoleLink,
  section,
  stateText,
  when,
} from './cluster-facts';
import { type Day2Settings, day2StatusText } from './day2-status';
import { historyPhrase } from './history';
import { leaseLine } from './lease';
import { eventLine } from './notices';
import { poolProgressLine } from './progress';

/** History lines shown (the newest). */
const HISTORY_SHOWN = 10;

/** What `/maas status` read from Palette for a cluster the bot knows. */
export interface LiveStatus {
  paletteState?: string;
  health?: string;
  pools?: Progress['pools'];
  events: ClusterEvent[];
  /** Backup, scan and OS patch settings. */
  day2?: Day2Settings;
}

/** What the status answer is built from. */
export interface StatusView {
  record: ClusterRecord;
  config: Config;
  now: Date;
  /** Palette's answer, when it gave one in time. */
  live?: LiveStatus;
  /** Why there is no live answer (slow, refused), when Palette was asked. */
  paletteProblem?: string;
}

/** The newest history lines for people ("`14:32 UTC` <@U…> approved it"), the bot's notes left out. */
function historyLines(record: ClusterRecord, now: Date): string[] {
  return record.history
    .flatMap((entry) => {
      const phrase = historyPhrase(entry);
      return phrase ? [`\`${when(entry.at, now)}\` ${phrase}`] : [];
    })
    .slice(-HISTORY_SHOWN);
}

/**
 * What Palette says, beside our state, never contradicting it: nothing once the record has ended (what a poll last
 * read is history then); a live answer that is ahead of the record says the record follows; a 404 says so.
 */
function paletteFacts(record: ClusterRecord, live: LiveStatus | undefined): string[] {
  if (isTerminal(record.state)) return [];
  const paletteState = live?.paletteState ?? record.progress?.paletteState;
  if (!paletteState) return [];
  if (paletteState === 'NotFound')
    return [
      ':warning: Palette no longer knows this cluster; the bot notices within a minute and says so in the thread',
    ];
  const observed = stateFromPalette(paletteState);
  const behind = live && observed && eventForObservation(record.state, observed);
  const health = live?.health ?? record.progress?.health;
  return [
    `Palette: ${escapeText(paletteState)}${health ? ` · health ${escapeText(health)}` : ''}`,
    ...(behind ? ['the bot follows within a minute'] : []),
  ];
}

/** How old the cluster is: since it started provisioning, else since it was requested. */
function age(record: ClusterRecord, now: Date): string {
  const since = record.provisioningSince ?? record.requestedAt;
  const what = record.provisioningSince ? 'created' : 'requested';
  return `${what} ${formatDuration(now.getTime() - Date.parse(since))} ago`;
}

/**
 * `/maas status NAME` for a cluster the bot knows: state and health, pools with nodes ready/desired, age,
 * requester, approvers, the decision, the last events and the history — live from Palette when it answered in
 * time, else what the bot last saw (and it says so).
 */
export function clusterStatusAnswer(view: StatusView): Answer {
  const { record, config, now, live } = view;
  const head = [stateText(record), ...paletteFacts(record, live), age(record, now)].join(' · ');
  // Nodes ready are live facts: an ended record shows the pools it asked for instead.
  const pools = isTerminal(record.state) ? [] : (live?.pools ?? record.progress?.pools ?? []);
  const basics = basicsFields(record);
  const fields = [
    ...basics.slice(0, 1),
    `*Approvers*\n${record.approvals.length > 0 ? mentions(record.approvals.map((approval) => approval.userId)) : '—'}`,
    ...basics.slice(1, 4),
  ];
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(record.name, 150) } },
    section(head),
    { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) },
    section(
      `*Pools*\n${pools.length > 0 ? pools.map(poolProgressLine).join('\n') : poolLines(record.spec).join('\n')}`,
    ),
  ];
  const lease = record.lease && !isTerminal(record.state) ? leaseLine(record.lease, now) : undefined;
  const outcome = [decisionLine(record, now), lifecycleLine(record, { config, now }), lease].filter(Boolean);
  if (outcome.length > 0) blocks.push(section(outcome.join('\n')));
  if (live && live.events.length > 0)
    blocks.push(section(`*Last events*\n${live.events.map(eventLine).join('\n')}`));
  const day2 = day2StatusText(record, live?.day2, now);
  if (day2) blocks.push(section(day2));
  blocks.push(section(`*History*\n${historyLines(record, now).join('\n')}`));
  const notes: string[] = [];
  const url = record.state === 'DELETED' ? undefined : recordConsoleLink(config, record);
  if (url) notes.push(link(url, 'Open in Palette'));
  if (view.paletteProblem) {
    const seen = record.progress?.polledAt ? `; last seen ${when(record.progress.polledAt, now)}` : '';
    notes.push(`:warning: ${escapeText(view.paletteProblem)}, so this shows what the bot knows${seen}.`);
  }
  if (notes.length > 0) blocks.push(context(notes.join(' · ')));
  return { text: `${record.name}: ${stateText(record)}`, blocks };
}

/** `/maas status NAME` for a cluster only Palette knows (not requested through Slack), in `projectUid`. */
export function paletteOnlyStatusAnswer(
  cluster: ClusterSummary,
  config: Config,
  now: Date,
  projectUid: string | undefined,
): Answer {
  const parts = [
    `Palette: ${escapeText(cluster.state)}`,
    cluster.health && `health ${escapeText(cluster.health)}`,
    cluster.createdAt && `created ${formatDuration(now.getTime() - Date.parse(cluster.createdAt))} ago`,
  ].filter(Boolean);
  return {
    text: `${cluster.name}: ${cluster.state} in Palette`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: truncate(cluster.name, 150) } },
      section(`${parts.join(' · ')}\n_Not requested through Slack, so the bot has no history for it._`),
      context(link(consoleLink(config, cluster.uid, projectUid), 'Open in Palette')),
    ],
  };
}
