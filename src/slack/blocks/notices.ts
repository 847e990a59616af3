import type { Config } from '../../config';
import type { ClusterRecord } from '../../domain/cluster';
import { escapeText, truncate } from '../../domain/text';
import { formatDuration, formatUtc } from '../../domain/time';
import type { ClusterEvent } from '../../palette/port';
import type { BotMessage } from '../thread';
import { plainMessage } from './answers';
import { decisionLine, quorumLine } from './approval-card';
import { link, mention, recordConsoleLink, section } from './cluster-facts';
import { endedOutside, endingOf, leftoverCount } from './ending';
import { kubeconfigButton } from './kubeconfig';
import { leaseLine } from './lease';

/** Event lines in one thread message at most; the rest are counted. */
const MAX_EVENT_LINES = 30;

/** One time of day, to the second: "14:32:05". */
const clock = (iso: string) => new Date(iso).toISOString().slice(11, 19);

/** One Palette event as a short line: "`14:32:05` NodeReady: Node x is ready" (Palette's text escaped). */
export function eventLine(event: ClusterEvent): string {
  const mark = event.severity === 'Warning' ? ':warning: ' : '';
  return `${mark}\`${clock(event.at)}\` ${escapeText(event.reason)}: ${escapeText(truncate(event.message, 200))}`;
}

/** New Palette events as short lines in one message. */
export function eventLines(events: readonly ClusterEvent[]): BotMessage {
  const shown = events.slice(0, MAX_EVENT_LINES).map(eventLine);
  const more = events.length - shown.length;
  if (more > 0) shown.push(`…and ${more} more in Palette.`);
  const text = shown.join('\n');
  return { text: truncate(text, 3_000), blocks: [section(text)] };
}

/** A partial approval, in the thread: "1 of 2 approvals: <@x>. Waiting for 1 more." */
export function approvalRecordedNotice(record: ClusterRecord, required: number): BotMessage {
  const remaining = required - record.approvals.length;
  return plainMessage(
    `${quorumLine(record, required) ?? ':ballot_box_with_check: Approved once.'} Waiting for ${remaining} more.`,
  );
}

/** The decision, told to the requester with a mention: approved, rejected (with the reason) or expired. */
export function decisionNotice(record: ClusterRecord, now: Date): BotMessage {
  const line = decisionLine(record, now) ?? 'The request was decided.';
  const next =
    record.state === 'REJECTED' || record.state === 'EXPIRED' ? '' : '\nCreating it in Palette now.';
  return plainMessage(`${mention(record.requester)} ${line}${next}`);
}

/** Palette refused the create: its message for people, never a stack trace. */
export function createFailedNotice(record: ClusterRecord): BotMessage {
  return plainMessage(
    `:red_circle: ${mention(record.requester)} Palette refused to create *${escapeText(record.name)}*:\n> ${escapeText(truncate(record.failure ?? 'no reason given', 1_500))}\nFix the request and submit it again with \`/maas create-cluster ${record.name}\`.`,
  );
}

/** The cluster is running: the requester is told, with the time it took and a link to Palette. */
export function runningNotice(record: ClusterRecord, config: Config, now: Date): BotMessage {
  const took =
    record.runningSince && record.provisioningSince
      ? ` in ${formatDuration(Date.parse(record.runningSince) - Date.parse(record.provisioningSince))}`
      : '';
  const health = record.progress?.health ? ` (${escapeText(record.progress.health)})` : '';
  const url = recordConsoleLink(config, record);
  const palette = url ? ` ${link(url, 'Open it in Palette')}.` : '';
  const lease = record.lease ? `\n${leaseLine(record.lease, now)}` : '';
  const text = `:tada: ${mention(record.requester)} *${escapeText(record.name)}* is running${health}: provisioned${took}.${palette}${lease}`;
  return { text, blocks: [section(text), { type: 'actions', elements: [kubeconfigButton(record)] }] };
}

/**
 * The cluster is gone and its name is free again — saying how: deleted or aborted through the bot, force-deleted
 * (machines may be left), or ended outside the bot (Palette no longer knows it, or it was deleted in Palette).
 */
export function deletedNotice(record: ClusterRecord): BotMessage {
  const name = `*${escapeText(record.name)}*`;
  const who = mention(record.requester);
  const free = 'The name is free again.';
  const outside = endedOutside(record) ? ' outside the bot (in Palette)' : '';
  switch (endingOf(record)) {
    case 'gone':
      return plainMessage(
        `:warning: ${who} Palette no longer knows this cluster: deleted outside the bot? I stopped following ${name}; ${free.toLowerCase()} If it should still exist, look for it in Palette.`,
      );
    case 'force-deleted':
      return plainMessage(
        `:black_circle: ${who} ${name} was force-deleted. ${leftoverCount(record.leftovers)} ${free}`,
      );
    case 'aborted':
      return plainMessage(
        `:black_circle: ${who} ${name} was aborted${outside} and what was created is deleted. ${free}`,
      );
    case 'deleted':
      return plainMessage(
        `:black_circle: ${who} ${name} ${outside ? `was deleted${outside}` : 'is deleted'}. ${free}`,
      );
  }
}

/** Provisioning shows no change for a while: reported once, with what people can do. */
export function stalledNotice(record: ClusterRecord, config: Config, now: Date): BotMessage {
  const since = record.progress?.lastChangeAt ?? record.provisioningSince ?? now.toISOString();
  const state = record.progress?.paletteState ? escapeText(record.progress.paletteState) : 'unknown';
  const url = recordConsoleLink(config, record);
  const palette = url ? ` Look at it in ${link(url, 'Palette')}, or` : ' You can';
  return plainMessage(
    `:warning: ${mention(record.requester)} *${escapeText(record.name)}* shows no progress for ${formatDuration(now.getTime() - Date.parse(since))} (since ${formatUtc(new Date(since), now)}; Palette says ${state}).${palette} stop it with \`/maas abort ${record.name}\`.`,
  );
}

/** The force-delete notice, once the deletion finished on its own. */
export function forceDeleteNotNeeded(record: ClusterRecord): BotMessage {
  return plainMessage(
    `:white_check_mark: Force delete is no longer needed: *${escapeText(record.name)}* is deleted.`,
  );
}
