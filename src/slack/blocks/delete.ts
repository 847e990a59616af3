import type { ModalView } from '@slack/types';
import { LEASE_ACTOR } from '../../domain/lease';
import { escapeText, truncate } from '../../domain/text';
import { formatUtc } from '../../domain/time';
import type { BotMessage } from '../thread';
import { plainMessage } from './answers';
import { mention, section } from './cluster-facts';

/** The callback id of the modal that confirms a delete or an abort. */
export const DELETE_CONFIRM_CALLBACK_ID = 'delete-confirm';
/** The input where the person types the cluster's name (block id; errors are keyed by it). */
export const CONFIRM_NAME_BLOCK = 'confirm-name';
/** The action id of that input. */
export const CONFIRM_NAME_ACTION = 'name';

/** A deletion as people start it: a delete of a running cluster, or an abort of one still provisioning. */
export type DeletionKind = 'delete' | 'abort';

/** What the confirmation modal carries in `private_metadata`. */
export interface DeleteConfirmMetadata {
  clusterId: string;
  kind: DeletionKind;
}

const WORDS: Record<DeletionKind, { title: string; verb: string; warning: (name: string) => string }> = {
  delete: {
    title: 'Delete cluster',
    verb: 'Delete',
    warning: (name) =>
      `:warning: This deletes *${name}* in Palette: its workloads stop and its machines go back to MAAS. It cannot be undone.`,
  },
  abort: {
    title: 'Abort cluster',
    verb: 'Abort',
    warning: (name) =>
      `:warning: This stops provisioning *${name}* and deletes what Palette has created so far; its machines go back to MAAS. It cannot be undone.`,
  },
};

/** The modal where the person confirms a delete or an abort by typing the cluster's name. */
export function deleteConfirmView(cluster: { id: string; name: string }, kind: DeletionKind): ModalView {
  const words = WORDS[kind];
  const name = escapeText(cluster.name);
  const metadata: DeleteConfirmMetadata = { clusterId: cluster.id, kind };
  return {
    type: 'modal',
    callback_id: DELETE_CONFIRM_CALLBACK_ID,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: words.title },
    submit: { type: 'plain_text', text: words.verb },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(words.warning(name)),
      {
        type: 'input',
        block_id: CONFIRM_NAME_BLOCK,
        label: { type: 'plain_text', text: 'Type the cluster name to confirm' },
        element: {
          type: 'plain_text_input',
          action_id: CONFIRM_NAME_ACTION,
          placeholder: { type: 'plain_text', text: truncate(cluster.name, 150) },
          max_length: 100,
        },
      },
    ],
  };
}

/** The error under the name input when what was typed is not the cluster's name. */
export function wrongNameError(name: string): string {
  return `Type "${truncate(name, 80)}" exactly to confirm.`;
}

/** What the modal shows once a deletion has started (it replaces the confirmation). */
export function deletionStartedView(name: string, kind: DeletionKind, channel: string): ModalView {
  const verb = kind === 'abort' ? 'Aborting' : 'Deleting';
  return {
    type: 'modal',
    callback_id: DELETE_CONFIRM_CALLBACK_ID,
    title: { type: 'plain_text', text: WORDS[kind].title },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [
      section(
        `:wastebasket: ${verb} *${escapeText(name)}*. I post each step in its thread in <#${channel}> until it is gone.`,
      ),
    ],
  };
}

/** What the modal shows when the deletion may no longer happen (the cluster changed since the modal opened). */
export function deletionRefusedView(kind: DeletionKind, text: string): ModalView {
  return {
    type: 'modal',
    callback_id: DELETE_CONFIRM_CALLBACK_ID,
    title: { type: 'plain_text', text: WORDS[kind].title },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section(text)],
  };
}

/** The thread message when a delete or an abort has been sent to Palette. */
export function deletionStartedMessage(
  facts: { name: string; kind: DeletionKind; by?: string; forceDeleteAt?: string },
  now: Date,
): BotMessage {
  const who =
    facts.by === LEASE_ACTOR ? 'Its lease ended, so I' : facts.by ? mention(facts.by) : 'Someone in Palette';
  const name = escapeText(facts.name);
  const opening =
    facts.kind === 'abort'
      ? `:octagonal_sign: ${who} aborted *${name}* while it was provisioning. Palette stops creating it and deletes what it has created so far.`
      : `:wastebasket: ${who} started deleting *${name}*. Palette is tearing it down and releasing its machines to MAAS.`;
  const later = facts.forceDeleteAt
    ? ` If the deletion gets stuck, admins can force delete it from ${formatUtc(new Date(facts.forceDeleteAt), now)}.`
    : '';
  return plainMessage(`${opening} I will post here until it is gone.${later}`);
}

/** The thread message when Palette refused the delete itself (shown as Palette wrote it). */
export function deletionRefusedByPaletteMessage(name: string, paletteMessage: string): BotMessage {
  return plainMessage(
    `:x: Palette refused to delete *${escapeText(name)}*: ${escapeText(truncate(paletteMessage, 500))}`,
  );
}
