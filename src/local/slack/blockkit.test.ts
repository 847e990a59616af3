import { describe, expect, it } from 'vitest';
import { testRecord } from '../../../test/support/fixtures';
import { decisionButtons } from '../../slack/blocks/approval-card';
import { openingView } from '../../slack/blocks/create-cluster';
import { deleteConfirmView } from '../../slack/blocks/delete';
import { forceDeleteButton } from '../../slack/blocks/force-delete';
import { helpBlocks } from '../../slack/blocks/help';
import { rejectReasonView } from '../../slack/blocks/reject-reason';
import { checkMessageBlocks, checkView } from './blockkit';

const plain = (text: string) => ({ type: 'plain_text', text });
const option = (value: string) => ({ text: plain(value), value });
const problems = (result: { ok: boolean; problems?: string[] }) => (result.ok ? [] : result.problems!);

describe('checkView', () => {
  it('accepts a wizard-like modal with every element kind the bot uses', () => {
    const view = {
      type: 'modal',
      callback_id: 'wizard',
      title: plain('Create cluster'),
      submit: plain('Next'),
      close: plain('Cancel'),
      private_metadata: 'x'.repeat(3000),
      notify_on_close: true,
      blocks: [
        { type: 'header', text: plain('Control plane') },
        {
          type: 'input',
          block_id: 'name',
          label: plain('Name'),
          element: { type: 'plain_text_input', action_id: 'v', max_length: 63 },
        },
        {
          type: 'input',
          block_id: 'size',
          label: plain('Size'),
          element: {
            type: 'static_select',
            action_id: 'v',
            options: ['1', '3', '5'].map(option),
            initial_option: option('3'),
          },
        },
        {
          type: 'input',
          block_id: 'profile',
          label: plain('Cluster profile'),
          element: { type: 'external_select', action_id: 'v', min_query_length: 0 },
        },
        {
          type: 'input',
          block_id: 'disk',
          label: plain('Disk size'),
          element: { type: 'number_input', action_id: 'v', is_decimal_allowed: false, min_value: '20' },
        },
        {
          type: 'input',
          block_id: 'worker',
          label: plain('Allow worker capability'),
          optional: true,
          element: { type: 'checkboxes', action_id: 'v', options: [option('yes')] },
        },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*Pools*' },
          accessory: { type: 'button', action_id: 'add', text: plain('Add worker pool') },
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Palette validates on review.' }] },
        { type: 'divider' },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'remove',
              text: plain('Remove'),
              style: 'danger',
              confirm: {
                title: plain('Remove pool?'),
                text: plain('It goes.'),
                confirm: plain('Remove'),
                deny: plain('Keep'),
              },
            },
          ],
        },
      ],
    };
    expect(problems(checkView(view))).toEqual([]);
  });

  it('names each problem with Slack’s json-pointer', () => {
    const result = checkView({
      type: 'modal',
      title: plain('Create cluster'),
      submit: plain('Next'),
      blocks: [
        {
          type: 'input',
          block_id: 'size',
          label: plain('Size'),
          element: { type: 'static_select', options: [option('1')], initial_option: option('2') },
        },
        { type: 'section', text: { type: 'mrkdwn', text: 'hi' }, colour: 'red' },
        {
          type: 'actions',
          elements: [{ type: 'static_select', options: [{ text: plain('long'), value: 'v'.repeat(151) }] }],
        },
        { type: 'section' },
        { type: 'fancy' },
      ],
    });
    const found = problems(result).join('\n');
    expect(found).toContain('/view/blocks/1');
    expect(found).toContain('[json-pointer:/view/blocks/2/elements/0/options/0/value]');
    expect(found).toContain('a section needs text or fields');
    expect(found).toContain('/view/blocks/4');
  });

  it('checks rules across elements once the blocks themselves are well formed', () => {
    const select = {
      type: 'static_select',
      action_id: 'v',
      options: [option('1')],
      initial_option: option('2'),
    };
    const result = checkView({
      type: 'modal',
      title: plain('Create cluster'),
      submit: plain('Next'),
      blocks: [{ type: 'input', block_id: 'size', label: plain('Size'), element: select }],
    });
    expect(problems(result)).toEqual([
      '[ERROR] initial option must be one of the options [json-pointer:/view/blocks/0]',
    ]);
  });

  it('accepts the bot’s own views and messages', () => {
    expect(
      problems(
        checkView(openingView({ draftId: 'example', step: 'cluster', channel: 'C0EXAMPLE' }, 'team-a')),
      ),
    ).toEqual([]);
    expect(problems(checkMessageBlocks(helpBlocks({ forceDeleteAfterSeconds: 900 })))).toEqual([]);
    // The longest name a cluster may have, where the bot puts it into limited fields.
    const longest = { id: '01J0LONGEST', name: 'a'.repeat(63) };
    expect(problems(checkView(deleteConfirmView(longest, 'delete')))).toEqual([]);
    expect(problems(checkView(deleteConfirmView(longest, 'abort')))).toEqual([]);
    expect(problems(checkView(rejectReasonView(longest)))).toEqual([]);
    const record = testRecord({ id: longest.id, name: longest.name });
    expect(
      problems(
        checkMessageBlocks([
          decisionButtons(record),
          { type: 'actions', elements: [forceDeleteButton(longest)] },
        ]),
      ),
    ).toEqual([]);
  });
});

/** A modal holding one input element, to check the element alone. */
const inputModal = (element: Record<string, unknown>) => ({
  type: 'modal',
  title: plain('Check'),
  submit: plain('Go'),
  blocks: [{ type: 'input', block_id: 'b', label: plain('Field'), element }],
});

/** A message with one button carrying `confirm`. */
const confirmed = (confirm: Record<string, unknown>) => [
  { type: 'actions', elements: [{ type: 'button', action_id: 'go', text: plain('Go'), confirm }] },
];

describe('Slack’s limits the bot must keep (a message Slack would refuse fails here first)', () => {
  it('an option value of 150 characters, not 151', () => {
    const select = (value: string) => ({
      type: 'static_select',
      action_id: 'v',
      options: [{ text: plain('x'), value }],
    });
    expect(problems(checkView(inputModal(select('v'.repeat(150)))))).toEqual([]);
    expect(problems(checkView(inputModal(select('v'.repeat(151)))))).toEqual([
      expect.stringContaining('[json-pointer:/view/blocks/0/element/options/0/value]'),
    ]);
  });

  it('a confirm dialog: title 100, text 300 (plain or mrkdwn), confirm and deny 30, each plain text', () => {
    const dialog = (
      sizes: { title?: number; text?: number; confirm?: number; deny?: number },
      type = 'plain_text',
    ) => ({
      title: plain('t'.repeat(sizes.title ?? 10)),
      text: { type, text: 'x'.repeat(sizes.text ?? 10) },
      confirm: plain('c'.repeat(sizes.confirm ?? 5)),
      deny: plain('d'.repeat(sizes.deny ?? 5)),
    });
    expect(
      problems(checkMessageBlocks(confirmed(dialog({ title: 100, text: 300, confirm: 30, deny: 30 })))),
    ).toEqual([]);
    expect(problems(checkMessageBlocks(confirmed(dialog({ text: 300 }, 'mrkdwn'))))).toEqual([]);
    for (const [field, size] of [
      ['title', 101],
      ['text', 301],
      ['confirm', 31],
      ['deny', 31],
    ] as const)
      expect(problems(checkMessageBlocks(confirmed(dialog({ [field]: size })))), field).toEqual([
        expect.stringContaining(`[json-pointer:/blocks/0/elements/0/confirm/${field}/text]`),
      ]);
    const markdownTitle = { ...dialog({}), title: { type: 'mrkdwn', text: '*t*' } };
    expect(problems(checkMessageBlocks(confirmed(markdownTitle)))).not.toEqual([]);
  });

  it('a plain_text_input: lengths within 0–3000, min_length ≤ max_length, an initial value it could submit', () => {
    const input = (fields: Record<string, unknown>) =>
      inputModal({ type: 'plain_text_input', action_id: 'v', ...fields });
    expect(problems(checkView(input({ min_length: 3, max_length: 3, initial_value: 'abc' })))).toEqual([]);
    expect(problems(checkView(input({ initial_value: 'x'.repeat(3000) })))).toEqual([]);
    const refused = (fields: Record<string, unknown>) => problems(checkView(input(fields))).join('\n');
    expect(refused({ max_length: 3001 })).toContain('/view/blocks/0/element/max_length');
    expect(refused({ min_length: 3001 })).toContain('/view/blocks/0/element/min_length');
    expect(refused({ max_length: 0 })).toContain('/view/blocks/0/element/max_length');
    expect(refused({ min_length: 10, max_length: 5 })).toContain(
      'min_length must not be more than max_length [json-pointer:/view/blocks/0/element/min_length]',
    );
    expect(refused({ max_length: 63, initial_value: 'n'.repeat(64) })).toContain(
      'initial_value must not be longer than max_length [json-pointer:/view/blocks/0/element/initial_value]',
    );
    expect(refused({ initial_value: 'x'.repeat(3001) })).toContain('/view/blocks/0/element/initial_value');
  });
});

describe('checkMessageBlocks', () => {
  it('allows 50 blocks in a message, not 51', () => {
    const divider = { type: 'divider' };
    expect(checkMessageBlocks(Array.from({ length: 50 }, () => divider)).ok).toBe(true);
    expect(checkMessageBlocks(Array.from({ length: 51 }, () => divider)).ok).toBe(false);
  });

  it('refuses duplicate action ids within a block', () => {
    const button = { type: 'button', action_id: 'same', text: plain('A') };
    expect(problems(checkMessageBlocks([{ type: 'actions', elements: [button, button] }])).join()).toContain(
      'duplicate action_id same',
    );
  });
});
