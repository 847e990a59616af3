import type { ModalView } from '@slack/types';
import type { ClusterRecord } from '../../domain/cluster';
import { truncate } from '../../domain/text';
import { section } from './cluster-facts';

/** The reject modal's callback id. */
export const REJECT_REASON_CALLBACK = 'reject-reason';
/** The reason input's block id (field errors are keyed by it). */
export const REASON_BLOCK = 'reason';
/** The reason input's action id. */
export const REASON_ACTION = 'reason';
/** The longest reason kept. */
export const MAX_REASON_LENGTH = 1_000;

/** What the modal carries in private_metadata: the cluster it rejects. */
export interface RejectReasonMetadata {
  clusterId: string;
}

/** The modal asking an approver why they reject a request (required, shown to the requester). */
export function rejectReasonView(record: Pick<ClusterRecord, 'id' | 'name'>): ModalView {
  const metadata: RejectReasonMetadata = { clusterId: record.id };
  return {
    type: 'modal',
    callback_id: REJECT_REASON_CALLBACK,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Reject request' },
    submit: { type: 'plain_text', text: 'Reject' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: { type: 'plain_text', text: truncate(`Reject the request for "${record.name}"?`, 3_000) },
      },
      {
        type: 'input',
        block_id: REASON_BLOCK,
        label: { type: 'plain_text', text: 'Reason' },
        hint: { type: 'plain_text', text: 'The requester sees it in their thread, so say what to change.' },
        element: {
          type: 'plain_text_input',
          action_id: REASON_ACTION,
          multiline: true,
          min_length: 1,
          max_length: MAX_REASON_LENGTH,
        },
      },
    ],
  };
}

/** A modal that only tells something (the request was decided meanwhile, …), replacing the form. */
export function rejectNoticeView(text: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Reject request' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section(text)],
  };
}
