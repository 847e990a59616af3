import type { KnownBlock } from '@slack/types';
import type { Config } from '../../config';
import type { HealthEpisode, RepaveHold } from '../../domain/care';
import type { ClusterRecord } from '../../domain/cluster';
import { escapeText, truncate } from '../../domain/text';
import { formatDuration, formatUtc } from '../../domain/time';
import type { UpdateNotice } from '../../palette/after-running';
import type { BotMessage } from '../thread';
import { plainMessage } from './answers';
import { context, link, mention, mentions, recordConsoleLink, section } from './cluster-facts';
import { confirmedButton } from './confirmed-button';

/** The action id of the "Approve repave" button (on the repave card, in the thread and the approval channel). */
export const REPAVE_APPROVE_ACTION = 'repave-approve';

/** Reasons listed on a card; the rest are counted. */
const REASONS_SHOWN = 10;

type Named = Pick<ClusterRecord, 'id' | 'name' | 'requester' | 'paletteUid' | 'team' | 'paletteProjectUid'>;

/** Palette's text in a line: escaped and cut. */
const palette = (text: string, max = 300) => escapeText(truncate(text, max));

/** One reason as a line: code, message, and the pack and keys that changed. */
function reasonLine(reason: RepaveHold['reasons'][number]): string {
  const tags =
    reason.fromTag && reason.toTag && reason.fromTag !== reason.toTag
      ? ` ${palette(reason.fromTag, 40)} → ${palette(reason.toTag, 40)}`
      : '';
  const pack = reason.pack ? ` — pack \`${palette(reason.pack, 80)}\`${tags}` : '';
  const keys = reason.changedKeys.length
    ? `; changed: ${reason.changedKeys
        .slice(0, 8)
        .map((key) => `\`${palette(key, 80)}\``)
        .join(', ')}`
    : '';
  return `• *${palette(reason.code || 'Change', 80)}*: ${palette(reason.message || 'no message')}${pack}${keys}`;
}

/** How the hold ended, for the card, or undefined while it waits. */
function outcomeLine(hold: RepaveHold, now: Date): string | undefined {
  const at = hold.endedAt ? ` at ${formatUtc(new Date(hold.endedAt), now)}` : '';
  switch (hold.outcome) {
    case 'approved':
      return hold.approvals.length
        ? `:white_check_mark: Approved by ${mentions(hold.approvals.map((approval) => approval.userId))}${at}: Palette replaces the nodes one by one.`
        : `:white_check_mark: Approved in Palette${at}: Palette replaces the nodes one by one.`;
    case 'reverted':
      return `:arrows_counterclockwise: Reverted in Palette${at}: the change that needed the repave was undone; nothing to approve.`;
    case 'gone':
      return `:information_source: Palette no longer holds this repave${at}; nothing to approve.`;
    default:
      return undefined;
  }
}

/**
 * The repave card (thread and approval channel): Palette's reasons, the approvals so far against the quorum, and
 * **Approve repave** while Palette holds it; once it moved on, who approved and when (or that it was reverted),
 * without the button.
 */
export function repaveCard(
  config: Config,
  record: Named,
  hold: RepaveHold,
  required: number,
  now: Date,
): BotMessage {
  const url = recordConsoleLink(config, record);
  const title = `:recycle: Palette holds a *repave* of *${escapeText(record.name)}* for approval: its nodes will be replaced one by one.`;
  const reasons = hold.reasons.slice(0, REASONS_SHOWN).map(reasonLine);
  if (hold.reasons.length > REASONS_SHOWN)
    reasons.push(`…and ${hold.reasons.length - REASONS_SHOWN} more in Palette.`);
  const blocks: KnownBlock[] = [
    section(title),
    section(reasons.length ? `Palette's reasons:\n${reasons.join('\n')}` : 'Palette gave no reasons.'),
  ];
  const outcome = outcomeLine(hold, now);
  if (outcome) blocks.push(section(outcome));
  else {
    const quorum =
      required > 1
        ? `${hold.approvals.length} of ${required} approvals${hold.approvals.length ? `: ${mentions(hold.approvals.map((approval) => approval.userId))}` : ''}.`
        : 'One approval from an approver or admin sends it.';
    blocks.push(
      context(
        `${quorum} Held since ${formatUtc(new Date(hold.since), now)}.${url ? ` ${link(url, 'Open in Palette')}` : ''}`,
      ),
      {
        type: 'actions',
        elements: [
          confirmedButton({
            actionId: REPAVE_APPROVE_ACTION,
            value: record.id,
            label: 'Approve repave',
            style: 'primary',
            title: 'Approve the repave?',
            text: `Palette replaces every node of ${escapeText(record.name)} one by one.`,
          }),
        ],
      },
    );
  }
  return { text: truncate(`${title}${outcome ? ` ${outcome}` : ''}`, 3_000), blocks };
}

/** The thread's word on an approval: who approved, and whether the quorum is met. */
export function repaveApprovalNotice(record: Named, hold: RepaveHold, required: number): BotMessage {
  const who = mentions(hold.approvals.map((approval) => approval.userId));
  if (hold.approvals.length >= required)
    return plainMessage(
      `:white_check_mark: ${who} approved the repave of *${escapeText(record.name)}*: sent to Palette.`,
    );
  return plainMessage(
    `:ballot_box_with_check: ${who} approved the repave of *${escapeText(record.name)}*: ${hold.approvals.length} of ${required}; waiting for ${required - hold.approvals.length} more.`,
  );
}

/** Healthy → Unhealthy: what Palette says is wrong; the requester is mentioned (once per episode). */
export function healthDownNotice(config: Config, record: Named, episode: HealthEpisode): BotMessage {
  const url = recordConsoleLink(config, record);
  const problems = episode.problems.length
    ? episode.problems
        .slice(0, 10)
        .map((problem) => `• *${palette(problem.type, 80)}*: ${palette(problem.message)}`)
        .join('\n')
    : '• Palette gave no failing condition.';
  return plainMessage(
    `:red_circle: ${mention(record.requester)} *${escapeText(record.name)}* is *unhealthy* (since ${formatUtc(new Date(episode.since), new Date(episode.since))}). Palette says:\n${problems}${url ? `\n${link(url, 'Open it in Palette')}` : ''}`,
  );
}

/** Back to Healthy, with how long the episode lasted. */
export function healthUpNotice(record: Named, lastedMs: number): BotMessage {
  return plainMessage(
    `:large_green_circle: *${escapeText(record.name)}* is *healthy* again, after ${formatDuration(Math.max(0, lastedMs))} unhealthy.`,
  );
}

/** Palette offers updates of the cluster's profile: what changed, and where to apply them. */
export function updatesNotice(config: Config, record: Named, notices: readonly UpdateNotice[]): BotMessage {
  const url = recordConsoleLink(config, record);
  const lines = notices.length
    ? notices
        .slice(0, 10)
        .map((notice) => `• ${palette(notice.message)}`)
        .join('\n')
    : '• An update of the cluster profile is available.';
  return plainMessage(
    `:package: Updates are available for *${escapeText(record.name)}*:\n${lines}\nApply them in Palette${url ? `: ${link(url, 'Open it in Palette')}` : ''} (not from Slack).`,
  );
}
