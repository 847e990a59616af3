import type { ActionsBlock, KnownBlock } from '@slack/types';
import type { Config } from '../../config';
import { type ClusterRecord, lastEvent } from '../../domain/cluster';
import { isTerminal } from '../../domain/lifecycle';
import { totalNodes } from '../../domain/spec';
import type { Team } from '../../domain/team';
import { escapeText, truncate } from '../../domain/text';
import { formatDuration } from '../../domain/time';
import type { QuotaView } from '../../teams/quota';
import { describeWho } from '../roles';
import type { BotMessage } from '../thread';
import {
  basicsFields,
  context,
  findingsLines,
  link,
  mention,
  mentions,
  packOverrideLines,
  poolLines,
  section,
  stateText,
  when,
} from './cluster-facts';
import { endingText } from './ending';
import { leaseLine } from './lease';

/** The Approve button's action id (its value is the cluster id). */
export const APPROVE_ACTION = 'approval:approve';
/** The Reject button's action id (its value is the cluster id). */
export const REJECT_ACTION = 'approval:reject';

/** What the card shows besides the record. */
export interface CardContext {
  config: Config;
  now: Date;
  /** The request's team: its quorum and who can decide. */
  team: Team;
  /** While the request waits: what approving it would do to the team's quota. */
  quota?: QuotaView;
  /** Permalink of the request's "submitted" message (its thread). */
  threadLink?: string;
}

/** Quotes text people typed, line by line, escaped. */
export const quote = (text: string) =>
  escapeText(truncate(text, 1_000))
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');

/** The Approve (with a confirm dialog) and Reject buttons, on the card and on App Home (one listener each). */
export function decisionButtons(record: ClusterRecord, blockId = `approval:${record.id}`): ActionsBlock {
  return {
    type: 'actions',
    block_id: blockId,
    elements: [
      {
        type: 'button',
        action_id: APPROVE_ACTION,
        text: { type: 'plain_text', text: 'Approve' },
        style: 'primary',
        value: record.id,
        confirm: {
          title: { type: 'plain_text', text: 'Approve this cluster?' },
          text: {
            type: 'plain_text',
            // Slack shows this dialog before the bot hears of the click, so it says who may approve.
            text: truncate(
              `Palette will create "${record.name}" on ${totalNodes(record.spec)} machines once the approvals needed are in. Only approvers and admins can approve, never the requester; anyone else is refused.`,
              300,
            ),
          },
          confirm: { type: 'plain_text', text: 'Approve' },
          deny: { type: 'plain_text', text: 'Cancel' },
        },
      },
      {
        type: 'button',
        action_id: REJECT_ACTION,
        text: { type: 'plain_text', text: 'Reject' },
        style: 'danger',
        value: record.id,
      },
    ],
  };
}

/** "1 of 2 approvals: <@x>" while the quorum is not met. */
export function quorumLine(record: ClusterRecord, required: number): string | undefined {
  if (record.approvals.length === 0 || required <= 1) return undefined;
  return `:ballot_box_with_check: ${record.approvals.length} of ${required} approvals: ${mentions(record.approvals.map((approval) => approval.userId))}`;
}

/** How the request was decided, for people (undefined while it waits). */
export function decisionLine(record: ClusterRecord, now: Date): string | undefined {
  const approved = lastEvent(record, 'approved');
  if (approved)
    return `:white_check_mark: Approved by ${mentions(record.approvals.map((approval) => approval.userId))} at ${when(approved.at, now)}.`;
  if (record.state === 'REJECTED' && record.rejection) {
    const { userId, at, reason } = record.rejection;
    return `:no_entry: Rejected by ${mention(userId)} at ${when(at, now)}:\n${quote(reason)}`;
  }
  if (record.state === 'EXPIRED')
    return `:zzz: Nobody decided in time: the request expired at ${when(record.expiresAt, now)}. ${mention(record.requester)} can submit it again with \`/maas create-cluster ${record.name}\`.`;
  return undefined;
}

/** Where the cluster is now, once approved: state, since when, and why it failed. */
export function lifecycleLine(
  record: ClusterRecord,
  context: Pick<CardContext, 'config' | 'now'>,
): string | undefined {
  const { now } = context;
  switch (record.state) {
    case 'APPROVED':
      return `${stateText(record)}: sending the create to Palette.`;
    case 'PROVISIONING': {
      const lastChange = record.progress?.lastChangeAt ?? record.provisioningSince;
      const stalled =
        lastChange && now.getTime() - Date.parse(lastChange) > context.config.stallAfterSeconds * 1000;
      const since = record.provisioningSince ? ` since ${when(record.provisioningSince, now)}` : '';
      return `${stateText(record)}${since}.${stalled ? ` :warning: No progress for ${formatDuration(now.getTime() - Date.parse(lastChange))}.` : ''}`;
    }
    case 'RUNNING': {
      const scaling = record.scaling
        ? ` Resizing \`${escapeText(record.scaling.pool)}\` from ${record.scaling.from} to ${record.scaling.to} nodes.`
        : '';
      return `${stateText(record)}${record.runningSince ? ` since ${when(record.runningSince, now)}` : ''}.${scaling}`;
    }
    case 'DELETING':
      return `${stateText(record)}${record.deletingSince ? ` since ${when(record.deletingSince, now)}` : ''}.`;
    case 'DELETED':
      return `${stateText(record)}${record.endedAt ? ` at ${when(record.endedAt, now)}` : ''}. ${endingText(record)}`;
    case 'FAILED':
      return `${stateText(record)}: ${escapeText(truncate(record.failure ?? 'no reason given', 1_500))}`;
    default:
      return undefined;
  }
}

/** The team's quota while the request waits: the usage line, and why approving it would be refused now. */
function quotaSection(quota: QuotaView | undefined): string | undefined {
  if (!quota || (quota.verdict.ok && !quota.line)) return undefined;
  const lines = quota.line ? [escapeText(quota.line)] : [];
  if (!quota.verdict.ok) lines.push(`:no_entry: Over quota: ${escapeText(quota.verdict.reason)}`);
  return `*Team quota*\n${lines.join('\n')}`;
}

/** The management options chosen, in a few words (undefined when none). */
function extrasLine(record: ClusterRecord): string | undefined {
  const { management } = record.spec;
  const parts: string[] = [];
  if (management?.osPatch) parts.push('OS patching');
  if (management?.scans) parts.push('compliance scans');
  if (management?.backup) parts.push(`backups to ${escapeText(management.backup.locationName)}`);
  return parts.length > 0 ? `*Also*: ${parts.join(' · ')}` : undefined;
}

/**
 * The approval card: everything approvers need to decide (requester, placement, pools, tags, Palette's review,
 * cost and capacity), the Approve/Reject buttons while the request waits, and — once decided — who decided, when,
 * and where the cluster is now. Rendered from the record alone, so any job can refresh it.
 */
export function approvalCard(record: ClusterRecord, card: CardContext): BotMessage {
  const { now } = card;
  const pending = record.state === 'PENDING_APPROVAL';
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(`Cluster request: ${record.name}`, 150) } },
    { type: 'section', fields: basicsFields(record).map((text) => ({ type: 'mrkdwn', text })) },
  ];
  if (record.spec.description.trim()) blocks.push(section(quote(record.spec.description)));
  blocks.push(section(`*Pools*\n${poolLines(record.spec).join('\n')}`));
  if (record.spec.packOverrides.length > 0)
    blocks.push(section(`*Pack values*\n${packOverrideLines(record.spec).join('\n')}`));
  const extras = extrasLine(record);
  if (extras) blocks.push(section(extras));
  if (record.lease && !isTerminal(record.state)) blocks.push(section(leaseLine(record.lease, now)));
  blocks.push(section(`*Review*\n${findingsLines(record.review).join('\n')}`));
  const quota = pending ? quotaSection(card.quota) : undefined;
  if (quota) blocks.push(section(quota));
  blocks.push({ type: 'divider' });

  const quorum = pending ? quorumLine(record, card.team.requiredApprovals) : undefined;
  if (quorum) blocks.push(section(quorum));
  const decided = decisionLine(record, now);
  if (decided) blocks.push(section(decided));
  const lifecycle = lifecycleLine(record, card);
  if (lifecycle) blocks.push(section(lifecycle));
  if (pending) blocks.push(decisionButtons(record));

  const notes: string[] = [];
  // The implicit team (a bot without teams) has no channels and is not named.
  if (card.team.channels.length > 0) notes.push(`Team *${card.team.name}*`);
  if (card.threadLink) notes.push(link(card.threadLink, 'Request thread'));
  if (pending) {
    notes.push(`Expires at ${when(record.expiresAt, now)}`);
    const who = describeWho(card.team, ['approver', 'admin']);
    if (who) notes.push(`Who can decide: ${who}`);
  }
  if (notes.length > 0) blocks.push(context(notes.join(' · ')));

  const headline = pending
    ? `${mention(record.requester)} asks for the cluster "${record.name}": approval needed.`
    : `Cluster request "${record.name}" from ${mention(record.requester)}: ${decided ?? lifecycle ?? stateText(record)}`;
  return { text: truncate(headline, 3_000), blocks };
}
