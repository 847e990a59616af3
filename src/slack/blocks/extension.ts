import type { KnownBlock, ModalView } from '@slack/types';
import type { ClusterRecord } from '../../domain/cluster';
import { durationWords, type ExtensionRequest, leaseEndText } from '../../domain/lease';
import { escapeText, truncate } from '../../domain/text';
import type { BotMessage } from '../thread';
import { plainMessage } from './answers';
import { context, mention, mentions, section } from './cluster-facts';

/** The extension-reason modal's callback id. */
export const EXTENSION_REASON_CALLBACK = 'extension-reason';
/** The reason input's block and action ids (field errors are keyed by the block id). */
export const EXTENSION_REASON_BLOCK = 'extension-reason';
export const EXTENSION_REASON_ACTION = 'reason';
/** The longest reason kept. */
export const MAX_EXTENSION_REASON = 500;
/** The extension card's buttons (value: the cluster id). */
export const APPROVE_EXTENSION_ACTION = 'extension-approve';
export const REJECT_EXTENSION_ACTION = 'extension-reject';

/** What the modal carries: the cluster and the extension asked for. */
export interface ExtensionReasonMetadata {
  clusterId: string;
  seconds: number;
}

/** The modal asking why a lease should go beyond its team's maximum (the approvers read it on the card). */
export function extensionReasonView(
  record: Pick<ClusterRecord, 'id' | 'name'>,
  seconds: number,
  ceilingText: string,
): ModalView {
  const metadata: ExtensionReasonMetadata = { clusterId: record.id, seconds };
  return {
    type: 'modal',
    callback_id: EXTENSION_REASON_CALLBACK,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Ask for a longer lease' },
    submit: { type: 'plain_text', text: 'Ask approvers' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(
        truncate(
          `Extending *${escapeText(record.name)}* by ${durationWords(seconds)} goes beyond its team's maximum (${ceilingText}), so the approvers decide.`,
          3_000,
        ),
      ),
      {
        type: 'input',
        block_id: EXTENSION_REASON_BLOCK,
        label: { type: 'plain_text', text: 'Why' },
        hint: {
          type: 'plain_text',
          text: 'A short reason for the approvers, e.g. "load tests until Friday".',
        },
        element: {
          type: 'plain_text_input',
          action_id: EXTENSION_REASON_ACTION,
          min_length: 1,
          max_length: MAX_EXTENSION_REASON,
        },
      },
    ],
  };
}

/** The extension card in the approvals channel: who, how long, why; Approve/Reject while pending. */
export function extensionCard(
  record: Pick<ClusterRecord, 'id' | 'name' | 'requester'>,
  extension: ExtensionRequest,
  requiredApprovals: number,
): BotMessage {
  const name = `*${escapeText(record.name)}*`;
  const head = `:hourglass_flowing_sand: ${mention(extension.by)} asks to extend the lease of ${name} by *${durationWords(extension.seconds)}*, beyond its team's maximum.`;
  const lines = [head, `*Why:* ${escapeText(extension.reason)}`];
  const blocks: KnownBlock[] = [section(lines.join('\n'))];
  const { decision } = extension;
  if (decision) {
    const verdict = decision.outcome === 'approved' ? ':white_check_mark: Approved' : ':no_entry: Rejected';
    blocks.push(context(`${verdict} by ${mention(decision.by)}.`));
  } else {
    const given = extension.approvals.map((approval) => approval.userId);
    const needed = `${given.length}/${requiredApprovals} approvals${given.length > 0 ? ` (${mentions(given)})` : ''}`;
    blocks.push(context(`${needed}. Neither the requester nor the one who asked can approve it.`));
    blocks.push({
      type: 'actions',
      block_id: 'extension-decision',
      elements: [
        {
          type: 'button',
          action_id: APPROVE_EXTENSION_ACTION,
          value: record.id,
          style: 'primary',
          text: { type: 'plain_text', text: 'Approve' },
        },
        {
          type: 'button',
          action_id: REJECT_EXTENSION_ACTION,
          value: record.id,
          style: 'danger',
          text: { type: 'plain_text', text: 'Reject' },
        },
      ],
    });
  }
  return { text: lines.join('\n'), blocks };
}

/** The thread hears that an extension went to the approvers. */
export function extensionRequestedMessage(
  record: Pick<ClusterRecord, 'name'>,
  extension: ExtensionRequest,
): BotMessage {
  return plainMessage(
    `:raised_hand: ${mention(extension.by)} asked the approvers to extend the lease of *${escapeText(record.name)}* by ${durationWords(extension.seconds)}: ${escapeText(extension.reason)}`,
  );
}

/** The thread hears the approvers' decision. */
export function extensionDecidedMessage(
  record: Pick<ClusterRecord, 'name' | 'lease'>,
  extension: ExtensionRequest,
  now: Date,
): BotMessage {
  const name = `*${escapeText(record.name)}*`;
  const decision = extension.decision!;
  if (decision.outcome === 'approved' && record.lease?.endsAt)
    return plainMessage(
      `:white_check_mark: ${mention(decision.by)} approved extending ${name} by ${durationWords(extension.seconds)}: it now runs ${leaseEndText(record.lease.endsAt, now)}.`,
    );
  return plainMessage(
    `:no_entry: ${mention(decision.by)} rejected extending ${name} by ${durationWords(extension.seconds)}; its lease is unchanged.`,
  );
}
