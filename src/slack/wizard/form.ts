import type { ViewOutput, ViewStateValue } from '@slack/bolt';
import { z } from 'zod';
import type { Choice, Field, FieldValue, Form } from './fields';
import { fieldActionId } from './ids';

/** Messages for people, by field id. */
export type Problems = Record<string, string>;

/** A step's form as read from a submitted view, what is structurally wrong with it, and where each field is. */
export interface ReadForm {
  form: Form;
  problems: Problems;
  /** The block id each field has in the view (errors are keyed by it). */
  blockIds: Record<string, string>;
}

/** Slack's longest option value; anything longer was not offered by us. */
const MAX_OPTION_VALUE = 150;
/** Slack's longest option text. */
const MAX_OPTION_TEXT = 75;
/** A number input's value is short; a longer one is a crafted payload. */
const MAX_NUMBER_TEXT = 20;

const ChoiceSchema = z.object({ value: z.string(), text: z.string() });
/** A form as the draft stores it. */
export const FormSchema = z.record(
  z.string(),
  z.union([z.string(), z.array(z.string()), ChoiceSchema, z.array(ChoiceSchema)]),
);

type AnyRecord = Record<string, unknown>;
const isRecord = (value: unknown): value is AnyRecord => typeof value === 'object' && value !== null;

/** The block id of each input block, by its element's action id. */
function inputBlocks(view: ViewOutput): Map<string, string> {
  const found = new Map<string, string>();
  for (const block of view.blocks as unknown[]) {
    if (!isRecord(block) || block.type !== 'input' || !isRecord(block.element)) continue;
    const { action_id: actionId } = block.element;
    if (typeof actionId === 'string' && typeof block.block_id === 'string')
      found.set(actionId, block.block_id);
  }
  return found;
}

/** An option from a payload, if it is shaped like one we could have offered. */
function choiceOf(option: unknown): Choice | undefined | 'invalid' {
  if (option === null || option === undefined) return undefined;
  if (!isRecord(option) || typeof option.value !== 'string' || option.value.length > MAX_OPTION_VALUE)
    return 'invalid';
  const text =
    isRecord(option.text) && typeof option.text.text === 'string' ? option.text.text : option.value;
  return { value: option.value, text: text.slice(0, MAX_OPTION_TEXT) };
}

type Read = { value?: FieldValue; problem?: string };

function readText(
  field: Extract<Field, { kind: 'text' | 'number' }>,
  state: ViewStateValue | undefined,
): Read {
  const value = state?.value;
  if (value === null || value === undefined) return {};
  if (typeof value !== 'string') return { problem: 'Type the value as text.' };
  const max = field.kind === 'text' ? field.maxLength : MAX_NUMBER_TEXT;
  if (value.length > max) return { problem: `Use at most ${max} characters (this has ${value.length}).` };
  return { value };
}

function readChoices(state: ViewStateValue | undefined, maxItems: number): Read {
  const options: unknown = state?.selected_options;
  if (options === undefined || options === null) return {};
  if (!Array.isArray(options)) return { problem: 'Choose from the options shown.' };
  if (options.length > maxItems) return { problem: `Choose at most ${maxItems}.` };
  const choices: Choice[] = [];
  for (const option of options) {
    const choice = choiceOf(option);
    if (choice === 'invalid' || choice === undefined) return { problem: 'Choose from the options shown.' };
    choices.push(choice);
  }
  return { value: choices };
}

/** Reads one field's state, checking only its shape and size (what it means is the step parser's job). */
function readField(field: Field, state: ViewStateValue | undefined): Read {
  switch (field.kind) {
    case 'text':
    case 'number':
      return readText(field, state);
    case 'select':
    case 'radio':
    case 'external': {
      const choice = choiceOf(state?.selected_option);
      if (choice === 'invalid') return { problem: 'Choose from the options shown.' };
      if (!choice) return {};
      return { value: field.kind === 'external' ? choice : choice.value };
    }
    case 'checkboxes': {
      const read = readChoices(state, field.options.length);
      if (!Array.isArray(read.value)) return read;
      const values = (read.value as Choice[]).map((choice) => choice.value);
      return values.every((value) => field.options.some((option) => option.value === value))
        ? { value: values }
        : { problem: 'Choose from the options shown.' };
    }
    case 'multi-external':
      return readChoices(state, field.maxItems);
  }
}

/**
 * Reads a step's fields from a submitted (or clicked) view: each input block is found by its action id, so block
 * ids may carry context (a pool key, the account). Hostile payloads — missing blocks, wrong shapes, huge strings —
 * yield problems, never a throw.
 */
export function readForm(view: ViewOutput, fields: readonly Field[]): ReadForm {
  const blocks = inputBlocks(view);
  const values: unknown = view.state?.values;
  const form: Form = {};
  const problems: Problems = {};
  const blockIds: Record<string, string> = {};
  for (const field of fields) {
    const actionId = fieldActionId(field.id);
    const blockId = blocks.get(actionId);
    if (blockId === undefined) continue;
    blockIds[field.id] = blockId;
    const byAction = isRecord(values) && isRecord(values[blockId]) ? values[blockId] : undefined;
    const state = byAction?.[actionId];
    const read = readField(field, isRecord(state) ? (state as unknown as ViewStateValue) : undefined);
    if (read.problem) problems[field.id] = read.problem;
    else if (read.value !== undefined) form[field.id] = read.value;
  }
  return { form, problems, blockIds };
}

/** A text field's value ('' when empty or not text). */
export function textOf(form: Form, id: string): string {
  const value = form[id];
  return typeof value === 'string' ? value : '';
}

/** A single choice's value (undefined when none). */
export function choiceIn(form: Form, id: string): Choice | undefined {
  const value = form[id];
  return typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

/** A multi-select's choices (empty when none). */
export function choicesIn(form: Form, id: string): Choice[] {
  const value = form[id];
  return Array.isArray(value) ? value.filter((item): item is Choice => typeof item === 'object') : [];
}

/** A checkbox group's checked values (empty when none). */
export function flagsIn(form: Form, id: string): string[] {
  const value = form[id];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
