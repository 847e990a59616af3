import type { KnownBlock } from '@slack/types';
import type { ClusterRecord } from '../../domain/cluster';
import { leaseEndShort } from '../../domain/lease';
import { escapeText } from '../../domain/text';
import type { ClusterSummary } from '../../palette/port';
import type { Answer } from './answers';
import { context, mention, section, stateText } from './cluster-facts';
import { nodeTotals } from './progress';

/** One cluster of `/maas list`: known to the bot (its record), seen in Palette, or both (merged by name). */
export interface ListRow {
  name: string;
  record?: ClusterRecord;
  palette?: ClusterSummary;
  /** The team it belongs to, shown when every team is listed (`/maas list all`). */
  team?: string;
}

/** One page of `/maas list`. */
export interface ListPage {
  rows: ListRow[];
  page: number;
  /** Whether a next page exists. */
  more: boolean;
  /** Every team's clusters (`/maas list all`): the next page keeps `all`. */
  all?: boolean;
  /** Whose clusters these are, for the title ("of data", "of every team"); none for a bot without teams. */
  whose?: string;
  /** Why Palette's side is missing (it did not answer in time, or refused), when it is. */
  paletteProblem?: string;
}

/** "3/5 nodes" from the progress the bot last saw, when it saw any. */
function nodes(record: ClusterRecord): string | undefined {
  const pools = record.progress?.pools ?? [];
  if (pools.length === 0) return undefined;
  const { ready, desired } = nodeTotals(pools);
  return `${ready}/${desired} nodes`;
}

/** One row: "*name* — :large_green_circle: Running · Healthy · 5/5 nodes · <@U…>". */
export function listLine(row: ListRow): string {
  const name = `*${escapeText(row.name)}*${row.team ? ` (${row.team})` : ''}`;
  const health = row.palette?.health ?? row.record?.progress?.health;
  if (!row.record) {
    const parts = [`Palette: ${escapeText(row.palette?.state ?? 'Unknown')}`, health && escapeText(health)];
    return `${name} — ${parts.filter(Boolean).join(' · ')} · _not requested through Slack_`;
  }
  const parts = [
    stateText(row.record),
    health && escapeText(health),
    nodes(row.record),
    row.record.state === 'RUNNING' ? leaseEndShort(row.record.lease) : undefined,
    mention(row.record.requester),
  ];
  return `${name} — ${parts.filter(Boolean).join(' · ')}`;
}

/** The `/maas list` answer: one line per cluster, then how to see more and what Palette did not say. */
export function clusterListAnswer(list: ListPage): Answer {
  const notes: string[] = [];
  if (list.more) notes.push(`More: \`/maas list ${list.all ? 'all ' : ''}${list.page + 1}\``);
  if (list.page > 1) notes.push(`Page ${list.page}`);
  if (list.paletteProblem)
    notes.push(`:warning: ${escapeText(list.paletteProblem)}, so this shows what the bot knows.`);
  const body =
    list.rows.length > 0
      ? list.rows.map(listLine).join('\n')
      : list.page > 1
        ? `Page ${list.page} is empty; try \`/maas list\`.`
        : 'No clusters yet. Request one with `/maas create-cluster`.';
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: `MAAS clusters${list.whose ? ` ${list.whose}` : ''}` },
    },
    section(body),
  ];
  if (notes.length > 0) blocks.push(context(notes.join(' · ')));
  return { text: `MAAS clusters (page ${list.page})`, blocks };
}
