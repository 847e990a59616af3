import type {
  Checkboxes,
  ExternalSelect,
  InputBlock,
  InputBlockElement,
  MultiExternalSelect,
  NumberInput,
  PlainTextInput,
  PlainTextOption,
  RadioButtons,
  StaticSelect,
} from '@slack/types';
import { truncate } from '../../../domain/text';
import type { Choice, Field, FieldValue } from '../../wizard/fields';
import { fieldActionId } from '../../wizard/ids';

/** Slack's limits on option texts and input hints/labels. */
const OPTION_TEXT = 75;
const LABEL_TEXT = 2000;
const PLACEHOLDER_TEXT = 150;

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: truncate(text, max) });
const option = (choice: Choice): PlainTextOption => ({
  text: plain(choice.text || choice.value, OPTION_TEXT),
  value: choice.value,
});

const asText = (value: FieldValue | undefined) => (typeof value === 'string' ? value : '');
const asChoice = (value: FieldValue | undefined) =>
  typeof value === 'object' && !Array.isArray(value) ? value : undefined;
const asList = <T>(value: FieldValue | undefined, keep: (item: unknown) => item is T): T[] =>
  Array.isArray(value) ? (value as unknown[]).filter(keep) : [];
const isChoice = (item: unknown): item is Choice => typeof item === 'object' && item !== null;
const isText = (item: unknown): item is string => typeof item === 'string';

/** The element of a field, showing `value` (what the draft holds) as its initial state. */
function element(field: Field, value: FieldValue | undefined): InputBlockElement {
  const action_id = fieldActionId(field.id);
  const placeholder = field.placeholder ? { placeholder: plain(field.placeholder, PLACEHOLDER_TEXT) } : {};
  switch (field.kind) {
    case 'text': {
      const initial = asText(value).slice(0, field.maxLength);
      const input: PlainTextInput = {
        type: 'plain_text_input',
        action_id,
        max_length: field.maxLength,
        ...(field.multiline ? { multiline: true } : {}),
        ...(initial ? { initial_value: initial } : {}),
        ...placeholder,
      };
      return input;
    }
    case 'number': {
      // Slack refuses a number input whose initial value is not a number in range: keep only such a value.
      const initial = asText(value).trim();
      const shown = /^\d+$/.test(initial) && Number(initial) >= field.min && Number(initial) <= field.max;
      const input: NumberInput = {
        type: 'number_input',
        action_id,
        is_decimal_allowed: false,
        min_value: String(field.min),
        max_value: String(field.max),
        ...(shown ? { initial_value: initial } : {}),
        ...placeholder,
      };
      return input;
    }
    case 'select':
    case 'radio': {
      const initial = field.options.find((choice) => choice.value === asText(value));
      const options = field.options.map(option);
      const initialOption = initial ? { initial_option: option(initial) } : {};
      const select: StaticSelect | RadioButtons =
        field.kind === 'select'
          ? { type: 'static_select', action_id, options, ...initialOption, ...placeholder }
          : { type: 'radio_buttons', action_id, options, ...initialOption };
      return select;
    }
    case 'checkboxes': {
      const checked = asList(value, isText);
      const initial = field.options.filter((choice) => checked.includes(choice.value)).map(option);
      const boxes: Checkboxes = {
        type: 'checkboxes',
        action_id,
        options: field.options.map(option),
        ...(initial.length > 0 ? { initial_options: initial } : {}),
      };
      return boxes;
    }
    case 'external': {
      const initial = asChoice(value);
      const select: ExternalSelect = {
        type: 'external_select',
        action_id,
        min_query_length: 0,
        ...(initial ? { initial_option: option(initial) } : {}),
        ...placeholder,
      };
      return select;
    }
    case 'multi-external': {
      const initial = asList(value, isChoice).slice(0, field.maxItems).map(option);
      const select: MultiExternalSelect = {
        type: 'multi_external_select',
        action_id,
        min_query_length: 0,
        max_selected_items: field.maxItems,
        ...(initial.length > 0 ? { initial_options: initial } : {}),
        ...placeholder,
      };
      return select;
    }
  }
}

/** One input block for a field: labelled with the seed's parameter name, pre-filled from the draft. */
export function inputBlock(field: Field, blockId: string, value: FieldValue | undefined): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(field.label, LABEL_TEXT),
    element: element(field, value),
    ...(field.optional ? { optional: true } : {}),
    ...(field.hint ? { hint: plain(field.hint, LABEL_TEXT) } : {}),
    ...(field.kind === 'external' && field.dispatch ? { dispatch_action: true } : {}),
  };
}
