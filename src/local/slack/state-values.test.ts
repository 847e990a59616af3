import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { clientErrors, enterValues, initialValues } from './state-values';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (value: string) => ({ text: plain(value), value });
const input = (block_id: string, element: object, optional = false) =>
  ({
    type: 'input',
    block_id,
    label: plain(block_id),
    optional,
    element: { action_id: 'v', ...element },
  }) as KnownBlock;

const blocks: KnownBlock[] = [
  input('name', { type: 'plain_text_input', initial_value: 'team-a', min_length: 3 }),
  input('size', { type: 'static_select', options: ['1', '3', '5'].map(option) }),
  input(
    'zones',
    { type: 'multi_static_select', options: ['az1', 'az2'].map(option), max_selected_items: 1 },
    true,
  ),
  input(
    'disk',
    { type: 'number_input', is_decimal_allowed: false, min_value: '20', max_value: '2000' },
    true,
  ),
  input('owner', { type: 'users_select' }, true),
  {
    type: 'actions',
    block_id: 'pools',
    elements: [
      { type: 'button', action_id: 'add', text: plain('Add') },
      { type: 'static_select', action_id: 'pick', options: [option('x')] },
    ],
  } as KnownBlock,
];

describe('view state', () => {
  it('starts from the initial values, with empty state for untouched elements', () => {
    expect(initialValues(blocks)).toEqual({
      name: { v: { type: 'plain_text_input', value: 'team-a' } },
      size: { v: { type: 'static_select', selected_option: null } },
      zones: { v: { type: 'multi_static_select', selected_options: [] } },
      disk: { v: { type: 'number_input', value: null } },
      owner: { v: { type: 'users_select', selected_user: null } },
      pools: { pick: { type: 'static_select', selected_option: null } },
    });
  });

  it('maps entered values to each element type, by block id or block/action id', () => {
    const values = initialValues(blocks);
    enterValues(blocks, values, { size: '3', zones: ['az2'], disk: 40, owner: 'U0ADMIN', 'pools/pick': 'x' });
    expect(values.size!.v).toEqual({ type: 'static_select', selected_option: option('3') });
    expect(values.zones!.v).toEqual({ type: 'multi_static_select', selected_options: [option('az2')] });
    expect(values.disk!.v).toEqual({ type: 'number_input', value: '40' });
    expect(values.owner!.v).toEqual({ type: 'users_select', selected_user: 'U0ADMIN' });
    expect(values.pools!.pick).toEqual({ type: 'static_select', selected_option: option('x') });
  });

  it('says what is wrong with a key or a choice', () => {
    const values = initialValues(blocks);
    expect(() => enterValues(blocks, values, { nowhere: 'x' })).toThrow('No block "nowhere"');
    expect(() => enterValues(blocks, values, { size: '2' })).toThrow('No option with value "2"');
    expect(() => enterValues(blocks, values, { 'pools/add': 'x' })).toThrow('takes no value');
    enterValues(blocks, values, { size: '2' }, true);
    expect(values.size!.v!.selected_option).toEqual({ text: plain('2'), value: '2' });
  });

  it('checks what Slack’s client checks before sending a submission', () => {
    const values = initialValues(blocks);
    enterValues(blocks, values, { name: 'ab', zones: ['az1', 'az2'], disk: '12.5' });
    expect(clientErrors(blocks, values)).toEqual({
      name: 'Please enter at least 3 characters.',
      size: 'Please complete this required field.',
      zones: 'Please choose at most 1.',
      disk: 'Please enter a whole number.',
    });
    enterValues(blocks, values, { name: 'team-b', size: '5', zones: ['az1'], disk: '10' });
    expect(clientErrors(blocks, values)).toEqual({ disk: 'Please enter a number of at least 20.' });
  });
});
