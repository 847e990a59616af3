import type { KnownBlock } from '@slack/types';
import { blockElements } from './blockkit';
import type { SelectedOption, StateValue, StateValues } from './types';

type AnyRecord = Record<string, unknown>;

/**
 * A value a test or the page enters: text for inputs, an option value for selects (or `{ value, text }` for
 * external selects, whose options the bot serves), arrays for multi-selects and checkboxes, ids for user and
 * conversation pickers; `null` clears.
 */
export type EnteredValue =
  | string
  | number
  | string[]
  | { value: string; text?: string }
  | { value: string; text?: string }[]
  | null;

/** Entered values keyed by `block_id`, or `block_id/action_id` for a block with more than one element. */
export type EnteredValues = Record<string, EnteredValue>;

const TEXT_INPUTS = ['plain_text_input', 'email_text_input', 'url_text_input', 'number_input'];
const SINGLE_OPTION = ['static_select', 'external_select', 'radio_buttons'];
const MULTI_OPTION = ['multi_static_select', 'multi_external_select', 'checkboxes'];
const PICKER_FIELD: Record<string, keyof StateValue> = {
  datepicker: 'selected_date',
  timepicker: 'selected_time',
  datetimepicker: 'selected_date_time',
  users_select: 'selected_user',
  multi_users_select: 'selected_users',
  conversations_select: 'selected_conversation',
  multi_conversations_select: 'selected_conversations',
  channels_select: 'selected_channel',
  multi_channels_select: 'selected_channels',
};
const INITIAL_FIELD: Record<string, string> = {
  datepicker: 'initial_date',
  timepicker: 'initial_time',
  datetimepicker: 'initial_date_time',
  users_select: 'initial_user',
  multi_users_select: 'initial_users',
  conversations_select: 'initial_conversation',
  multi_conversations_select: 'initial_conversations',
  channels_select: 'initial_channel',
  multi_channels_select: 'initial_channels',
};

/** Whether an element keeps state (appears in `view.state.values`). */
export function isStateful(element: AnyRecord): boolean {
  const type = String(element.type);
  return (
    TEXT_INPUTS.includes(type) ||
    SINGLE_OPTION.includes(type) ||
    MULTI_OPTION.includes(type) ||
    type in PICKER_FIELD
  );
}

const asOption = (option: AnyRecord): SelectedOption => ({
  text: option.text as SelectedOption['text'],
  value: String(option.value),
});

function options(element: AnyRecord): AnyRecord[] {
  const list = (value: unknown) => (Array.isArray(value) ? (value as AnyRecord[]) : []);
  return [...list(element.options), ...list(element.option_groups).flatMap((group) => list(group.options))];
}

/** The state of an element before the person touches it: its initial value, or empty. */
function initialState(element: AnyRecord): StateValue {
  const type = String(element.type);
  if (TEXT_INPUTS.includes(type))
    return { type, value: (element.initial_value as string | undefined) ?? null };
  if (SINGLE_OPTION.includes(type)) {
    const initial = element.initial_option as AnyRecord | undefined;
    return { type, selected_option: initial ? asOption(initial) : null };
  }
  if (MULTI_OPTION.includes(type))
    return {
      type,
      selected_options: ((element.initial_options as AnyRecord[] | undefined) ?? []).map(asOption),
    };
  const field = PICKER_FIELD[type]!;
  const initial = element[INITIAL_FIELD[type]!];
  return { type, [field]: initial ?? (field.endsWith('s') ? [] : null) };
}

/** Every stateful element's starting state, by block and action id. */
export function initialValues(blocks: KnownBlock[]): StateValues {
  const values: StateValues = {};
  for (const block of blocks as unknown as AnyRecord[])
    for (const element of blockElements(block).filter(isStateful)) {
      const blockId = String(block.block_id);
      values[blockId] ??= {};
      values[blockId][String(element.action_id)] = initialState(element);
    }
  return values;
}

function chooseOption(element: AnyRecord, entered: unknown, lenient: boolean): SelectedOption {
  const wanted =
    typeof entered === 'object' && entered !== null
      ? (entered as { value: string; text?: string })
      : { value: String(entered) };
  if (String(element.type).includes('external'))
    return { text: { type: 'plain_text', text: wanted.text ?? wanted.value }, value: wanted.value };
  const found = options(element).find((option) => option.value === wanted.value);
  if (found) return asOption(found);
  if (!lenient) throw new Error(`No option with value "${wanted.value}" in ${String(element.action_id)}.`);
  return { text: { type: 'plain_text', text: wanted.text ?? wanted.value }, value: wanted.value };
}

/** The state an element has once the person entered `entered` (lenient: options need not exist, as a crafted payload). */
export function enteredState(element: AnyRecord, entered: EnteredValue, lenient = false): StateValue {
  const type = String(element.type);
  if (!isStateful(element)) throw new Error(`Element ${String(element.action_id)} (${type}) takes no value.`);
  if (entered === null) return initialState({ type });
  if (TEXT_INPUTS.includes(type)) return { type, value: String(entered) };
  if (SINGLE_OPTION.includes(type)) return { type, selected_option: chooseOption(element, entered, lenient) };
  const list = Array.isArray(entered) ? entered : [entered];
  if (MULTI_OPTION.includes(type))
    return { type, selected_options: list.map((item) => chooseOption(element, item, lenient)) };
  const field = PICKER_FIELD[type]!;
  if (type === 'datetimepicker') return { type, [field]: Number(entered) };
  return { type, [field]: field.endsWith('s') ? list.map(String) : String(entered) };
}

/** Finds the element a key (`block_id` or `block_id/action_id`) names. */
export function elementFor(blocks: KnownBlock[], key: string): { blockId: string; element: AnyRecord } {
  const [blockId, actionId] = key.split('/');
  const block = (blocks as unknown as AnyRecord[]).find((candidate) => candidate.block_id === blockId);
  if (!block) throw new Error(`No block "${blockId}" in the view.`);
  const stateful = blockElements(block).filter(
    (element) => actionId === undefined || element.action_id === actionId,
  );
  const candidates = actionId === undefined ? stateful.filter(isStateful) : stateful;
  if (candidates.length !== 1)
    throw new Error(
      candidates.length === 0
        ? `No element "${key}" that takes a value.`
        : `Block "${blockId}" has several elements: name one as "${blockId}/action_id".`,
    );
  return { blockId: String(blockId), element: candidates[0]! };
}

/** Applies entered values to a view's state, in place. */
export function enterValues(
  blocks: KnownBlock[],
  values: StateValues,
  entered: EnteredValues,
  lenient = false,
): void {
  for (const [key, value] of Object.entries(entered)) {
    const { blockId, element } = elementFor(blocks, key);
    values[blockId] ??= {};
    values[blockId][String(element.action_id)] = enteredState(element, value, lenient);
  }
}

const isEmpty = (state: StateValue | undefined) =>
  !state ||
  Object.entries(state).every(
    ([key, value]) =>
      key === 'type' ||
      value === null ||
      value === undefined ||
      value === '' ||
      (Array.isArray(value) && value.length === 0),
  );

function elementProblem(element: AnyRecord, state: StateValue): string | undefined {
  const type = String(element.type);
  const text = state.value ?? '';
  if (type === 'plain_text_input') {
    if (typeof element.min_length === 'number' && text.length < element.min_length)
      return `Please enter at least ${element.min_length} characters.`;
    if (typeof element.max_length === 'number' && text.length > element.max_length)
      return `Please enter at most ${element.max_length} characters.`;
  }
  if (type === 'number_input') {
    const number = Number(text);
    if (!/^-?\d+(\.\d+)?$/.test(text)) return 'Please enter a number.';
    if (!element.is_decimal_allowed && !Number.isInteger(number)) return 'Please enter a whole number.';
    if (element.min_value !== undefined && number < Number(element.min_value))
      return `Please enter a number of at least ${element.min_value}.`;
    if (element.max_value !== undefined && number > Number(element.max_value))
      return `Please enter a number of at most ${element.max_value}.`;
  }
  if (type === 'email_text_input' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text))
    return 'Please enter a valid email address.';
  if (type === 'url_text_input' && !URL.canParse(text)) return 'Please enter a valid URL.';
  const chosen =
    state.selected_options ?? state.selected_users ?? state.selected_conversations ?? state.selected_channels;
  if (typeof element.max_selected_items === 'number' && chosen && chosen.length > element.max_selected_items)
    return `Please choose at most ${element.max_selected_items}.`;
  return undefined;
}

/**
 * What Slack's client checks before it sends a submission at all: required input blocks filled in, lengths,
 * number ranges, email and URL shapes. Keyed by block_id, with Slack's wording.
 */
export function clientErrors(blocks: KnownBlock[], values: StateValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const block of blocks as unknown as AnyRecord[]) {
    if (block.type !== 'input') continue;
    const element = block.element as AnyRecord;
    const blockId = String(block.block_id);
    const state = values[blockId]?.[String(element.action_id)];
    if (isEmpty(state)) {
      if (!block.optional && isStateful(element)) errors[blockId] = 'Please complete this required field.';
      continue;
    }
    const problem = elementProblem(element, state!);
    if (problem) errors[blockId] = problem;
  }
  return errors;
}
