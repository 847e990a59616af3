import type { ViewOutput } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { CLUSTER_FIELDS, CONTROL_PLANE_FIELDS, type Field } from './fields';
import { readForm } from './form';
import { fieldActionId } from './ids';

/** A submitted view with one input block per field (block id `b.<field>`) and the given state values. */
function submitted(fields: readonly Field[], state: Record<string, unknown>): ViewOutput {
  return {
    blocks: fields.map((field) => ({
      type: 'input',
      block_id: `b.${field.id}`,
      label: { type: 'plain_text', text: field.label },
      element: { type: 'plain_text_input', action_id: fieldActionId(field.id) },
    })),
    state: {
      values: Object.fromEntries(
        Object.entries(state).map(([id, value]) => [`b.${id}`, { [fieldActionId(id)]: value }]),
      ),
    },
  } as unknown as ViewOutput;
}

const option = (value: string, text = value) => ({ text: { type: 'plain_text', text }, value });

describe('readForm', () => {
  it('reads text, choices and checkboxes by action id, and says where each field is', () => {
    const read = readForm(
      submitted(CONTROL_PLANE_FIELDS, {
        name: { type: 'plain_text_input', value: 'cp' },
        size: { type: 'static_select', selected_option: option('3') },
        allowWorker: { type: 'checkboxes', selected_options: [option('allow')] },
        azs: { type: 'multi_external_select', selected_options: [option('az1'), option('az2')] },
        resourcePool: { type: 'external_select', selected_option: option('default', 'Default pool') },
      }),
      CONTROL_PLANE_FIELDS,
    );
    expect(read.problems).toEqual({});
    expect(read.form).toEqual({
      name: 'cp',
      size: '3',
      allowWorker: ['allow'],
      azs: [
        { value: 'az1', text: 'az1' },
        { value: 'az2', text: 'az2' },
      ],
      resourcePool: { value: 'default', text: 'Default pool' },
    });
    expect(read.blockIds.resourcePool).toBe('b.resourcePool');
  });

  it('refuses hostile shapes without throwing: huge text, long option values, unknown checkboxes, too many', () => {
    const read = readForm(
      submitted(CONTROL_PLANE_FIELDS, {
        name: { type: 'plain_text_input', value: 'x'.repeat(100_000) },
        size: { type: 'static_select', selected_option: { value: 42 } },
        allowWorker: { type: 'checkboxes', selected_options: [option('sudo')] },
        azs: {
          type: 'multi_external_select',
          selected_options: Array.from({ length: 21 }, (_, i) => option(`z${i}`)),
        },
        resourcePool: { type: 'external_select', selected_option: option('p'.repeat(151)) },
        cpu: { type: 'number_input', value: ['4'] },
      }),
      CONTROL_PLANE_FIELDS,
    );
    expect(read.problems).toEqual({
      name: 'Use at most 63 characters (this has 100000).',
      size: 'Choose from the options shown.',
      allowWorker: 'Choose from the options shown.',
      azs: 'Choose at most 20.',
      resourcePool: 'Choose from the options shown.',
      cpu: 'Type the value as text.',
    });
    expect(read.form).toEqual({});
  });

  it('leaves out fields whose state is missing, and fields with no block in the view', () => {
    const view = submitted(CLUSTER_FIELDS.slice(0, 2), { name: { type: 'plain_text_input', value: 'a' } });
    const read = readForm(view, CLUSTER_FIELDS);
    expect(read.form).toEqual({ name: 'a' });
    expect(Object.keys(read.blockIds)).toEqual(['name', 'description']);
    expect(readForm({ ...view, state: undefined } as unknown as ViewOutput, CLUSTER_FIELDS).form).toEqual({});
  });
});
