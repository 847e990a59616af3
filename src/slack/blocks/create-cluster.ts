import type { ModalView } from '@slack/types';
import { escapeText, truncate } from '../../domain/text';

/** The callback id of every create-cluster modal. */
export const CREATE_CLUSTER_CALLBACK_ID = 'create-cluster';

/** Placeholder modal until the wizard lands: proves the trigger-id path with the real title. */
export function createClusterPlaceholderView(name?: string): ModalView {
  const named = name ? ` for *${escapeText(truncate(name, 80))}*` : '';
  return {
    type: 'modal',
    callback_id: CREATE_CLUSTER_CALLBACK_ID,
    title: { type: 'plain_text', text: 'Create cluster' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `:construction: The guided create-cluster form${named} is coming soon: it will ask for the cluster, its control plane and worker pools, pack values, and send the request for approval.`,
        },
      },
    ],
  };
}
