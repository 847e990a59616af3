import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { truncate } from '../../domain/text';

/** Every field's action id in the day-2 forms (a field is named by its block id). */
export const FIELD_ACTION = 'value';

/** What a day-2 form carries to its submission. */
export interface ClusterFormMetadata {
  clusterId: string;
  /** Whether Palette had the settings when the modal opened: PUT, else POST. */
  exists: boolean;
}

/** Slack's plain_text object. */
export const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** An option (Slack caps option text at 75 characters). */
export const option = (text: string, value: string): PlainTextOption => ({
  text: plain(truncate(text, 75)),
  value,
});

/** A one-line text input, filled with `initial` when there is one. */
export function textInput(
  blockId: string,
  label: string,
  initial: string | undefined,
  hint: string,
  optional = false,
): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional,
    label: plain(label),
    hint: plain(hint),
    element: {
      type: 'plain_text_input',
      action_id: FIELD_ACTION,
      ...(initial ? { initial_value: initial } : {}),
    },
  };
}

/** An optional five-field cron input: empty means no schedule. */
export function cronInput(blockId: string, label: string, initial: string | undefined): KnownBlock {
  return textInput(blockId, label, initial, 'Five fields, e.g. 0 2 * * *; empty = no schedule.', true);
}

/** Optional checkboxes, the `checked` ones ticked. */
export function checkboxesInput(
  blockId: string,
  label: string,
  options: PlainTextOption[],
  checked: (value: string) => boolean,
): KnownBlock {
  const ticked = options.filter((candidate) => checked(candidate.value ?? ''));
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: plain(label),
    element: {
      type: 'checkboxes',
      action_id: FIELD_ACTION,
      options,
      ...(ticked.length > 0 ? { initial_options: ticked } : {}),
    },
  };
}

/** A schedule in one line, for the thread and the history. */
export const scheduleText = (schedule: string | undefined) => (schedule ? `\`${schedule}\`` : 'no schedule');

/** A day-2 form: Save / Cancel, an introduction in mrkdwn, then the fields; the metadata rides along. */
export function clusterFormModal(
  callbackId: string,
  title: string,
  metadata: ClusterFormMetadata,
  intro: string,
  fields: KnownBlock[],
): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: JSON.stringify(metadata),
    title: plain(title),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: intro } }, ...fields],
  };
}
