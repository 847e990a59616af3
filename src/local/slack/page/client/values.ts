import type { KnownBlock } from '@slack/types';
import type { EnteredValue, EnteredValues } from '../../state-values';
import type { SelectedOption, StateValue, ViewRecord } from '../../types';

/** An option as the page holds it: its value and the words shown. */
export interface Choice {
  value: string;
  text: string;
}

/** Slack's record of a chosen option. */
export const selected = (choice: Choice): SelectedOption => ({
  text: { type: 'plain_text', text: choice.text },
  value: choice.value,
});

/** The key the emulator takes entered values by. */
export const valueKey = (blockId: string, actionId: string) => `${blockId}/${actionId}`;

/** What the emulator takes for an element, from the state the page holds for it. */
export function toEntered(state: StateValue): EnteredValue {
  const option = (chosen: SelectedOption) => ({ value: chosen.value, text: chosen.text.text });
  if (state.selected_option !== undefined)
    return state.selected_option ? option(state.selected_option) : null;
  if (state.selected_options !== undefined) return state.selected_options.map(option);
  if (state.value !== undefined) return state.value ?? null;
  const picked =
    state.selected_date ??
    state.selected_time ??
    state.selected_date_time ??
    state.selected_user ??
    state.selected_conversation ??
    state.selected_channel ??
    state.selected_users ??
    state.selected_conversations ??
    state.selected_channels;
  return picked ?? null;
}

type BlockWithElements = {
  block_id?: string;
  type: string;
  element?: unknown;
  elements?: unknown;
  accessory?: unknown;
};

/** Every element of a block that may hold a value, with its action id. */
function elementsOf(block: KnownBlock): { type: string; action_id?: string }[] {
  const loose = block as BlockWithElements;
  const list = [loose.element, loose.accessory, ...(Array.isArray(loose.elements) ? loose.elements : [])];
  return list.filter(
    (item): item is { type: string; action_id?: string } => typeof item === 'object' && item !== null,
  );
}

/**
 * What a person typed in open views but the emulator has not seen yet, by view. Slack keeps what was entered in
 * an element while its block_id and action_id stay the same, also across the bot's updates; so does the page.
 */
export class ViewEdits {
  private readonly byView = new Map<string, Map<string, StateValue>>();

  /** The person's own entry for an element, if they made one. */
  get(viewId: string, key: string): StateValue | undefined {
    return this.byView.get(viewId)?.get(key);
  }

  set(viewId: string, key: string, state: StateValue): void {
    const edits = this.byView.get(viewId) ?? new Map<string, StateValue>();
    edits.set(key, state);
    this.byView.set(viewId, edits);
  }

  /** The element's current state: the person's entry, else what the emulator holds (initial values, kept state). */
  current(record: ViewRecord, blockId: string, actionId: string): StateValue | undefined {
    return this.get(record.id, valueKey(blockId, actionId)) ?? record.values[blockId]?.[actionId];
  }

  /** Entries for elements the view still has (same ids and type), as the emulator takes them. */
  entered(record: ViewRecord): EnteredValues {
    const edits = this.byView.get(record.id);
    const values: EnteredValues = {};
    if (!edits) return values;
    for (const block of record.view.blocks as KnownBlock[])
      for (const element of elementsOf(block)) {
        const key = valueKey(String(block.block_id), String(element.action_id));
        const edit = edits.get(key);
        if (edit && edit.type === element.type) values[key] = toEntered(edit);
      }
    return values;
  }

  /** Forgets views that are no longer open. */
  keepOnly(openViewIds: Set<string>): void {
    for (const viewId of this.byView.keys()) if (!openViewIds.has(viewId)) this.byView.delete(viewId);
  }
}
