import type { KnownBlock } from '@slack/types';
import type { Config } from '../../config';
import type { ClusterRecord } from '../../domain/cluster';
import { isTerminal } from '../../domain/lifecycle';
import { escapeText, truncate } from '../../domain/text';
import { formatDuration } from '../../domain/time';
import type { BotMessage } from '../thread';
import { context, recordConsoleLink, section, stateText, when } from './cluster-facts';
import { endingText } from './ending';
import { leaseLine } from './lease';
import { nodeTotals, poolProgressLine } from './progress';

/** The action id of the status message's "Open in Palette" link button (acknowledged by the link listener). */
export const OPEN_IN_PALETTE_ACTION = 'link:open-in-palette';

const since = (from: string | undefined, to: Date) =>
  from ? formatDuration(to.getTime() - Date.parse(from)) : undefined;

/** How long the current phase has taken, for people ("4 min elapsed", "took 7 min"). */
export function elapsedText(record: ClusterRecord, now: Date): string | undefined {
  switch (record.state) {
    case 'PROVISIONING': {
      const elapsed = since(record.provisioningSince, now);
      return elapsed && `${elapsed} elapsed since the create`;
    }
    case 'RUNNING': {
      if (record.scaling) return `${since(record.scaling.since, now)} elapsed since the resize`;
      const took = record.runningSince
        ? since(record.provisioningSince, new Date(record.runningSince))
        : undefined;
      return took && `took ${took} to provision`;
    }
    case 'DELETING': {
      const elapsed = since(record.deletingSince, now);
      return elapsed && `${elapsed} elapsed since the ${record.deleteKind === 'abort' ? 'abort' : 'delete'}`;
    }
    case 'DELETED': {
      const took = record.endedAt ? since(record.deletingSince, new Date(record.endedAt)) : undefined;
      return took && `took ${took} to delete`;
    }
    default:
      return undefined;
  }
}

/**
 * What Palette last said: "Palette: Provisioning · health Healthy". Only while the record is active: once it has
 * ended, what a poll last read is history and would contradict the state shown ("Deleted · Palette: Running").
 */
function paletteLine(record: ClusterRecord): string | undefined {
  const progress = record.progress;
  if (!progress?.paletteState || isTerminal(record.state)) return undefined;
  if (progress.paletteState === 'NotFound') return 'Palette: gone';
  const health = progress.health ? ` · health ${escapeText(progress.health)}` : '';
  return `Palette: ${escapeText(progress.paletteState)}${health}`;
}

/**
 * The one status message of a cluster's thread, kept up to date with chat.update: the state, a progress bar per
 * pool, the elapsed time and a link to the cluster in Palette's console.
 */
export function statusMessage(record: ClusterRecord, config: Config, now: Date): BotMessage {
  const palette = paletteLine(record);
  const scaling =
    record.state === 'RUNNING' && record.scaling
      ? `\n:straight_ruler: Resizing \`${escapeText(record.scaling.pool)}\` from ${record.scaling.from} to ${record.scaling.to} nodes…`
      : '';
  const lease = record.lease && !isTerminal(record.state) ? `\n${leaseLine(record.lease, now)}` : '';
  const head = `${stateText(record)} — *${escapeText(record.name)}*${palette ? ` (${palette})` : ''}${scaling}${lease}`;
  // Nodes ready are live facts: once the record has ended, what a poll last read would contradict it.
  const pools = isTerminal(record.state) ? [] : (record.progress?.pools ?? []);
  const body =
    record.state === 'DELETED'
      ? endingText(record)
      : pools.length > 0
        ? pools.map(poolProgressLine).join('\n')
        : isTerminal(record.state)
          ? undefined
          : '_Waiting for Palette to report the machines…_';
  const blocks: KnownBlock[] = [section(body ? `${head}\n${body}` : head)];
  if (record.state === 'FAILED' && record.failure)
    blocks.push(section(`:red_circle: ${escapeText(truncate(record.failure, 1_500))}`));
  const notes = [elapsedText(record, now), `updated ${when(now.toISOString(), now)}`].filter(
    (note): note is string => note !== undefined,
  );
  blocks.push(context(`:stopwatch: ${notes.join(' · ')}`));
  // A deleted cluster has no page in Palette any more: a link would open an error.
  const url = record.state === 'DELETED' ? undefined : recordConsoleLink(config, record);
  if (url)
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: OPEN_IN_PALETTE_ACTION,
          text: { type: 'plain_text', text: 'Open in Palette' },
          url,
        },
      ],
    });
  const { ready, desired } = nodeTotals(pools);
  return {
    text: `${record.name}: ${stateText(record)}${desired > 0 ? `, ${ready}/${desired} nodes ready` : ''}`,
    blocks,
  };
}
