import type { ClusterRecord } from '../../domain/cluster';
import { escapeText } from '../../domain/text';
import type { BotMessage } from '../thread';
import { context, link, mention, section, specSummary, when } from './cluster-facts';

/** What the "request submitted" message shows besides the record. */
export interface SubmittedContext {
  approvalChannel: string;
  now: Date;
  /** Permalink of the approval card, once it is posted. */
  cardLink?: string;
  /** The channel the request was made in, when the bot could not post there and wrote to the requester instead. */
  unreachableChannel?: string;
  /** Why the approval card could not be posted (a setup problem), when it could not. */
  problem?: string;
}

/**
 * The "request submitted" message: who asked for what, where approvers decide (a link to the card), and that its
 * thread will follow the cluster from approval to running.
 */
export function requestSubmitted(record: ClusterRecord, submitted: SubmittedContext): BotMessage {
  const where = submitted.cardLink
    ? link(submitted.cardLink, 'the approval card')
    : `<#${submitted.approvalChannel}>`;
  const lines = [
    `:inbox_tray: ${mention(record.requester)} requested the cluster *${escapeText(record.name)}* (${specSummary(record.spec)}).`,
    `Waiting for approval: see ${where}. The request expires at ${when(record.expiresAt, submitted.now)} if nobody decides.`,
  ];
  const notes = ['Updates on this cluster follow in this thread.'];
  if (submitted.problem) notes.unshift(`:warning: ${submitted.problem}`);
  if (submitted.unreachableChannel)
    notes.unshift(
      `I could not post in <#${submitted.unreachableChannel}> (invite me there with \`/invite\`), so I am writing to you here.`,
    );
  return {
    text: `${mention(record.requester)} requested the cluster "${record.name}": waiting for approval.`,
    blocks: [section(lines.join('\n')), context(notes.join(' '))],
  };
}
