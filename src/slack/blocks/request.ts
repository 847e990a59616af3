import type { ClusterRecord } from '../../domain/cluster';
import { LEASE_ACTOR } from '../../domain/lease';
import { STATE_EMOJI, STATE_LABELS } from '../../domain/lifecycle';
import { escapeText, truncate } from '../../domain/text';
import type { BotMessage } from '../thread';
import { context, link, mention, mentions, section, specSummary, when } from './cluster-facts';
import { endedOutside, endingOf, leftoverCount } from './ending';

/** What the request message shows besides the record. */
export interface RequestContext {
  approvalChannel: string;
  requiredApprovals: number;
  now: Date;
  /** Permalink of the approval card, once it is posted. */
  cardLink?: string;
  /** The channel the request was made in, when the bot could not post there and wrote to the requester instead. */
  unreachableChannel?: string;
  /** Why the approval card could not be posted (a setup problem), when it could not. */
  problem?: string;
}

const since = (iso: string | undefined, now: Date, word = 'since') =>
  iso ? ` ${word} ${when(iso, now)}` : '';

/** How a deleted cluster ended, in a few words for the request line. */
function endedLine(record: ClusterRecord): string {
  switch (endingOf(record)) {
    case 'gone':
      return 'Palette no longer knows it: deleted outside the bot?';
    case 'force-deleted':
      return `Force-deleted: ${leftoverCount(record.leftovers)}`;
    case 'aborted':
      return endedOutside(record) ? 'Aborted outside the bot (in Palette).' : 'Aborted.';
    case 'deleted':
      return endedOutside(record) ? 'Deleted outside the bot (in Palette).' : 'Every machine is released.';
  }
}

/**
 * Where the request stands now, in one line — whatever the state: waiting (with where to decide and when it
 * expires), decided, provisioning, running (and resizing), deleting, deleted (and how), or why it ended.
 */
export function requestStateLine(record: ClusterRecord, request: RequestContext): string {
  const { now } = request;
  const head = `${STATE_EMOJI[record.state]} *${STATE_LABELS[record.state]}*`;
  const approvers = mentions(record.approvals.map((approval) => approval.userId));
  switch (record.state) {
    case 'PENDING_APPROVAL': {
      const where = request.cardLink
        ? link(request.cardLink, 'the approval card')
        : `<#${request.approvalChannel}>`;
      const quorum =
        record.approvals.length > 0
          ? ` ${record.approvals.length} of ${request.requiredApprovals} approvals so far (${approvers}).`
          : '';
      return `${head}: see ${where}.${quorum} The request expires at ${when(record.expiresAt, now)} if nobody decides.`;
    }
    case 'APPROVED':
      return `${STATE_EMOJI.APPROVED} *Approved* by ${approvers}: creating it in Palette.`;
    case 'PROVISIONING':
      return `${head}${since(record.provisioningSince, now)} (approved by ${approvers}).`;
    case 'RUNNING': {
      const scaling = record.scaling
        ? ` Resizing \`${escapeText(record.scaling.pool)}\` from ${record.scaling.from} to ${record.scaling.to} nodes.`
        : '';
      return `${head}${since(record.runningSince, now)}.${scaling}`;
    }
    case 'DELETING': {
      const who =
        record.deletedBy === LEASE_ACTOR
          ? ' as its lease ended'
          : record.deletedBy
            ? ` by ${mention(record.deletedBy)}`
            : ' outside the bot (in Palette)';
      const what = record.deleteKind === 'abort' ? 'aborted' : 'deleted';
      return `${head}${since(record.deletingSince, now)}: ${what}${who}.`;
    }
    case 'DELETED':
      return `${head}${since(record.endedAt, now, 'at')}. ${endedLine(record)}`;
    case 'REJECTED':
      return `${head}${record.rejection ? ` by ${mention(record.rejection.userId)}${since(record.rejection.at, now, 'at')}` : ''}: the reason is in this thread.`;
    case 'EXPIRED':
      return `${head} at ${when(record.expiresAt, now)}: nobody decided in time.`;
    case 'FAILED':
      return `${head}: ${escapeText(truncate(record.failure ?? 'no reason given', 300))}`;
  }
}

/**
 * The request message in the channel — who asked for what — with its current state in one line, kept up to date
 * (`showRequestMessage`) from submission to the end; its thread carries the cluster's story.
 */
export function requestMessage(record: ClusterRecord, request: RequestContext): BotMessage {
  const asked = `:inbox_tray: ${mention(record.requester)} requested the cluster *${escapeText(record.name)}* (${specSummary(record.spec)}).`;
  const notes = ['Updates on this cluster follow in this thread.'];
  if (request.problem) notes.unshift(`:warning: ${request.problem}`);
  if (request.unreachableChannel)
    notes.unshift(
      `I could not post in <#${request.unreachableChannel}> (invite me there with \`/invite\`), so I am writing to you here.`,
    );
  return {
    text: `${mention(record.requester)} requested the cluster "${record.name}": ${STATE_LABELS[record.state].toLowerCase()}.`,
    blocks: [section(`${asked}\n${requestStateLine(record, request)}`), context(notes.join(' '))],
  };
}
