import { describe, expect, it } from 'vitest';
import { openingView } from '../../slack/blocks/create-cluster';
import { helpBlocks } from '../../slack/blocks/help';
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
