import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FALLBACK_TEXT } from '../../src/http/fallback';
import { createLogger } from '../../src/log';
import type { ClusterStore } from '../../src/store/port';
import {
  type SlackHarness,
  startSlackHarness,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
  unusedPort,
} from '../support/slack';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (value: string) => ({ text: plain(value), value });

/** A small modal with the surfaces the wizard uses: an input, a button, an external select, notify_on_close. */
const testView = (title = 'Test wizard') => ({
  type: 'modal' as const,
  callback_id: 'test-wizard',
  notify_on_close: true,
  title: plain(title),
  submit: plain('Next'),
  blocks: [
    {
      type: 'input' as const,
      block_id: 'name',
      label: plain('Name'),
      element: { type: 'plain_text_input' as const, action_id: 'value' },
    },
    {
      type: 'input' as const,
      block_id: 'profile',
      optional: true,
      label: plain('Cluster profile'),
      element: { type: 'external_select' as const, action_id: 'profile', min_query_length: 0 },
    },
    {
      type: 'actions' as const,
      block_id: 'more',
      elements: [{ type: 'button' as const, action_id: 'add-pool', text: plain('Add worker pool') }],
    },
  ],
});

let harness: SlackHarness;
const closed = vi.fn();

beforeAll(async () => {
  // The real logger with secret scrubbing; in dev mode Powertools prints through the global console (spied below).
  vi.stubEnv('POWERTOOLS_DEV', 'true');
  harness = await startSlackHarness({
    store: unusedPort<ClusterStore>('store', {
      findByName: async () => {
        throw new Error(`DynamoDB refused the request signed with ${TEST_BOT_TOKEN}`);
      },
    }),
    logger: createLogger('maas-chatops-test', [TEST_BOT_TOKEN, TEST_SIGNING_SECRET]),
  });
  const { app } = harness;
  app.view('test-wizard', async ({ ack, view }) => {
    const name = view.state.values.name?.value?.value ?? '';
    if (name === 'explode') throw new Error('listener bug');
    await ack(
      /^[a-z0-9-]+$/.test(name)
        ? { response_action: 'update', view: testView(`Pools for ${name}`) }
        : { response_action: 'errors', errors: { name: 'Use lowercase letters, digits and "-".' } },
    );
  });
  app.view({ callback_id: 'test-wizard', type: 'view_closed' }, async ({ ack, body }) => {
    await ack();
    closed(body.view.id);
  });
  app.action('add-pool', async ({ ack, body, client }) => {
    await ack();
    const view = (body as { view: { id: string; hash: string } }).view;
    await client.views.update({ view_id: view.id, hash: view.hash, view: testView('Two worker pools') });
  });
  app.options('profile', async ({ ack, options }) => {
    await ack({
      options: ['ubuntu-22', 'ubuntu-24', 'rhel-9']
        .filter((value) => value.includes(options.value))
        .map(option),
    });
  });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await harness.close();
});

/** Opens the test modal for a person with a real trigger id from a slash command. */
async function openTestModal(user: string): Promise<string> {
  const { triggerId } = await harness.emulator.command(user, '/maas', 'help');
  const opened = await harness.deps.slack.views.open({ trigger_id: triggerId, view: testView() });
  return opened.view!.id!;
}

describe('the emulator and the Bolt receiver agree on every interaction', () => {
  it('view_submission: field errors keep the modal, a valid step updates it in place', async () => {
    const user = harness.emulator.users.requester;
    const viewId = await openTestModal(user);
    const refused = await harness.emulator.submit(user, viewId, { name: 'Team A' });
    expect(refused).toMatchObject({
      outcome: 'errors',
      errors: { name: 'Use lowercase letters, digits and "-".' },
    });
    const accepted = await harness.emulator.submit(user, viewId, { name: 'team-a' });
    expect(accepted.outcome).toBe('updated');
    expect(harness.emulator.views(user)).toHaveLength(1);
    expect(harness.emulator.views(user)[0]).toMatchObject({
      id: viewId,
      view: { title: { text: 'Pools for team-a' } },
      errors: {},
    });
  });

  it('block_actions in a modal: the listener updates the view with its id and hash', async () => {
    const user = harness.emulator.users.approver;
    const viewId = await openTestModal(user);
    expect((await harness.emulator.click(user, { viewId }, 'add-pool')).status).toBe(200);
    expect(harness.emulator.views(user)[0]!.view).toMatchObject({ title: { text: 'Two worker pools' } });
  });

  it('block_suggestion: the external select gets the listener’s options', async () => {
    const user = harness.emulator.users.admin;
    const viewId = await openTestModal(user);
    const result = await harness.emulator.suggest(user, viewId, 'profile', 'ubuntu');
    expect(result.options.map((choice) => choice.value)).toEqual(['ubuntu-22', 'ubuntu-24']);
  });

  it('view_closed: reaches the listener when the person dismisses the modal', async () => {
    const user = harness.emulator.users.outsider;
    const viewId = await openTestModal(user);
    await harness.emulator.dismiss(user, viewId);
    expect(closed).toHaveBeenCalledWith(viewId);
  });
});

describe('a failing listener', () => {
  it('still gets a kind answer: a notice pushed over the modal, which stays with what was typed', async () => {
    const user = harness.emulator.users.approver2;
    const viewId = await openTestModal(user);
    const result = await harness.emulator.submit(user, viewId, { name: 'explode' });
    expect([result.status, result.outcome]).toEqual([200, 'pushed']);
    const [root, notice] = harness.emulator.views(user);
    expect(root!.values.name!.value!.value).toBe('explode');
    expect(notice!.view).toMatchObject({ title: { text: 'Something went wrong' } });
  });

  it('answers a failed slash command with an ephemeral note, and logs the error without secrets', async () => {
    const lines: string[] = [];
    const printed = vi.spyOn(console, 'error').mockImplementation((line) => lines.push(String(line)));
    try {
      const result = await harness.emulator.command(
        harness.emulator.users.requester,
        '/maas',
        'status team-a',
      );
      expect(result.body).toEqual({ response_type: 'ephemeral', text: FALLBACK_TEXT });
    } finally {
      printed.mockRestore();
    }
    const line = lines.find((entry) => entry.includes('A Slack listener failed'));
    expect(JSON.parse(line!)).toMatchObject({
      request: 'command /maas',
      error: { message: 'DynamoDB refused the request signed with [redacted]' },
    });
    expect(lines.join('\n')).not.toContain(TEST_BOT_TOKEN);
    expect(lines.join('\n')).not.toContain('status team-a');
  });
});
