import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeBot,
  type ReceivedRequest,
  silentLogger,
  startFakeBot,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
} from '../../../test/support/slack';
import { slackLogger } from '../../slack/logger';
import { type SlackEmulator, startSlackEmulator } from './emulator';
import { CONNECTION_PROBLEM } from './interactions';

let emulator: SlackEmulator;
let bot: FakeBot;
let slack: WebClient;

beforeAll(async () => {
  bot = await startFakeBot();
  emulator = await startSlackEmulator({ signingSecret: TEST_SIGNING_SECRET, botToken: TEST_BOT_TOKEN });
  emulator.setBotEventsUrl(bot.url);
  slack = new WebClient(TEST_BOT_TOKEN, {
    slackApiUrl: emulator.apiUrl,
    retryConfig: { retries: 0 },
    logger: slackLogger(silentLogger()),
  });
});
afterAll(async () => {
  await emulator.close();
  await bot.close();
});
beforeEach(() => {
  bot.answer = () => new Response(null, { status: 200 });
});

const json = (body: unknown) => Response.json(body);
const last = (): ReceivedRequest => bot.received.at(-1)!;
const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (value: string) => ({ text: plain(value.toUpperCase()), value });

/** The modal the wizard tests use: a required name, an optional size select, an external profile picker. */
const wizardView = {
  type: 'modal' as const,
  callback_id: 'wizard',
  title: plain('Create cluster'),
  submit: plain('Next'),
  notify_on_close: true,
  private_metadata: 'draft-1',
  blocks: [
    {
      type: 'input',
      block_id: 'name',
      label: plain('Name'),
      element: { type: 'plain_text_input', action_id: 'value', max_length: 63 },
    },
    {
      type: 'input',
      block_id: 'size',
      optional: true,
      label: plain('Size'),
      element: { type: 'static_select', action_id: 'value', options: ['1', '3', '5'].map(option) },
    },
    {
      type: 'input',
      block_id: 'profile',
      label: plain('Cluster profile'),
      optional: true,
      element: { type: 'external_select', action_id: 'pick' },
    },
    {
      type: 'actions',
      block_id: 'pools',
      elements: [{ type: 'button', action_id: 'add-pool', text: plain('Add worker pool'), value: 'add' }],
    },
  ],
};

/** Opens a modal for a person the way a bot does: a slash command's trigger id, then views.open. */
async function openModal(user: string, view: object = wizardView): Promise<string> {
  const { triggerId } = await emulator.command(user, '/maas', 'create-cluster');
  const opened = await slack.views.open({ trigger_id: triggerId, view: view as never });
  return opened.view!.id!;
}

describe('slash commands', () => {
  it('POSTs the command form, signed with the signing secret, with a fresh trigger id and response URL', async () => {
    const result = await emulator.command(emulator.users.approver, '/maas', 'status team-a', {
      channel: emulator.channels.approvals,
    });
    const received = last();
    expect(received.verified).toBe(true);
    expect(received.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(received.headers['user-agent']).toContain('Slackbot');
    expect(received.body).toMatchObject({
      command: '/maas',
      text: 'status team-a',
      user_id: emulator.users.approver,
      user_name: 'priya.nair',
      channel_id: emulator.channels.approvals,
      channel_name: 'cluster-approvals',
      team_id: 'T0MAAS',
      trigger_id: result.triggerId,
      response_url: result.responseUrl,
    });
  });

  it('shows an ephemeral answer only to the person, and an in_channel one to the channel with the command', async () => {
    bot.answer = () => json({ response_type: 'ephemeral', text: 'just for you' });
    await emulator.command(emulator.users.outsider, '/maas', 'help');
    expect(emulator.ephemerals(emulator.users.outsider).at(-1)).toMatchObject({
      text: 'just for you',
      from: 'bot',
    });
    expect(
      emulator.messages(emulator.channels.requests).some((message) => message.text === 'just for you'),
    ).toBe(false);

    bot.answer = () => json({ response_type: 'in_channel', text: 'for everyone' });
    await emulator.command(emulator.users.outsider, '/maas', 'list');
    expect(emulator.messages(emulator.channels.requests).at(-1)).toMatchObject({
      text: 'for everyone',
      user: emulator.bot.userId,
      command: { user: emulator.users.outsider, text: '/maas list' },
    });
  });

  it('shows nothing for an empty answer and a plain-text body as an ephemeral note', async () => {
    const before = emulator.ephemerals(emulator.users.admin).length;
    await emulator.command(emulator.users.admin, '/maas', 'create-cluster');
    expect(emulator.ephemerals(emulator.users.admin)).toHaveLength(before);
    bot.answer = () => new Response('plain answer', { headers: { 'content-type': 'text/plain' } });
    await emulator.command(emulator.users.admin, '/maas', 'help');
    expect(emulator.ephemerals(emulator.users.admin).at(-1)).toMatchObject({ text: 'plain answer' });
  });

  it('shows Slack’s own failure notice when the bot answers with an error status', async () => {
    bot.answer = () => new Response('boom', { status: 500 });
    const result = await emulator.command(emulator.users.requester, '/maas', 'help');
    expect(result).toMatchObject({ status: 500, error: 'http_error' });
    expect(emulator.ephemerals(emulator.users.requester).at(-1)).toMatchObject({
      from: 'slackbot',
      text: '/maas failed with the error "http_service_error"',
    });
  });
  it('gives up after 3 seconds without an answer and says operation_timeout, as Slack does', async () => {
    // The bot answers only once the emulator has given up, however slow the machine.
    let answer: (response: Response) => void = () => {};
    bot.answer = () => new Promise((resolve) => (answer = resolve));
    const result = await emulator.command(emulator.users.approver2, '/maas', 'list', {
      channel: emulator.channels.approvals,
    });
    answer(new Response(null));
    expect(result).toMatchObject({ status: 0, error: 'timeout' });
    expect(emulator.ephemerals(emulator.users.approver2).at(-1)).toMatchObject({
      from: 'slackbot',
      text: '/maas failed with the error "operation_timeout"',
    });
  });
});

describe('response URLs', () => {
  it('posts ephemeral by default, in_channel when asked, and stops after five uses', async () => {
    const { responseUrl } = await emulator.command(emulator.users.requester, '/maas', 'list');
    const post = (body: object) =>
      fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ text: 'later, privately' })).status).toBe(200);
    expect(emulator.ephemerals(emulator.users.requester).at(-1)).toMatchObject({ text: 'later, privately' });
    await post({ response_type: 'in_channel', text: 'later, for all' });
    expect(emulator.messages(emulator.channels.requests).at(-1)).toMatchObject({ text: 'later, for all' });
    for (let use = 3; use <= 5; use++) expect((await post({ text: `use ${use}` })).status).toBe(200);
    expect((await post({ text: 'sixth' })).status).toBe(404);
  });

  it('replaces or deletes the message a button was clicked in', async () => {
    const channel = emulator.channels.approvals;
    const card = await slack.chat.postMessage({
      channel,
      text: 'Approve team-a?',
      blocks: [
        {
          type: 'actions',
          block_id: 'decide',
          elements: [
            { type: 'button', action_id: 'approve', text: plain('Approve'), value: 'c-1', style: 'primary' },
          ],
        },
      ],
    });
    await emulator.click(emulator.users.approver, { channel, ts: card.ts! }, 'approve');
    const payload = last().body as { response_url: string };
    await fetch(payload.response_url, {
      method: 'POST',
      body: JSON.stringify({ replace_original: true, text: 'Approved by Priya' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(emulator.messages(channel).find((message) => message.ts === card.ts)).toMatchObject({
      text: 'Approved by Priya',
    });
    await fetch(payload.response_url, {
      method: 'POST',
      body: JSON.stringify({ delete_original: true }),
      headers: { 'content-type': 'application/json' },
    });
    expect(emulator.messages(channel).some((message) => message.ts === card.ts)).toBe(false);
  });

  it('refuses a body that is not JSON with a 400, and the URL still works', async () => {
    const { responseUrl } = await emulator.command(emulator.users.requester, '/maas', 'list');
    const send = (body: string) =>
      fetch(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const refused = await send('{"text": "cut off');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ ok: false, error: 'invalid_payload' });
    expect((await send(JSON.stringify({ text: 'after all' }))).status).toBe(200);
    expect(emulator.ephemerals(emulator.users.requester).at(-1)).toMatchObject({ text: 'after all' });
  });
});

describe('clicks', () => {
  it('sends block_actions for a message button with the container, message, action and a response URL', async () => {
    const channel = emulator.channels.approvals;
    const card = await slack.chat.postMessage({
      channel,
      text: 'Approve?',
      blocks: [
        {
          type: 'actions',
          block_id: 'decide',
          elements: [{ type: 'button', action_id: 'approve', text: plain('Approve'), value: 'c-9' }],
        },
      ],
    });
    await emulator.click(emulator.users.approver2, { channel, ts: card.ts! }, 'approve');
    const received = last();
    expect(received.verified).toBe(true);
    expect(received.body).toMatchObject({
      type: 'block_actions',
      user: { id: emulator.users.approver2, username: 'marco.rossi' },
      container: { type: 'message', message_ts: card.ts, channel_id: channel, is_ephemeral: false },
      channel: { id: channel, name: 'cluster-approvals' },
      message: { ts: card.ts, text: 'Approve?' },
      actions: [
        { type: 'button', action_id: 'approve', block_id: 'decide', value: 'c-9', text: { text: 'Approve' } },
      ],
    });
    expect(String(received.body.trigger_id)).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
  });

  it('sends block_actions from a modal with what the person typed so far in view.state.values', async () => {
    const viewId = await openModal(emulator.users.requester);
    await emulator.click(emulator.users.requester, { viewId }, 'add-pool', undefined, {
      name: 'team-a',
      size: '3',
    });
    const body = last().body as {
      container: object;
      view: { id: string; private_metadata: string; state: { values: object } };
    };
    expect(body.container).toEqual({ type: 'view', view_id: viewId });
    expect(body.view.private_metadata).toBe('draft-1');
    expect(body.view.state.values).toEqual({
      name: { value: { type: 'plain_text_input', value: 'team-a' } },
      size: { value: { type: 'static_select', selected_option: option('3') } },
      profile: { pick: { type: 'external_select', selected_option: null } },
    });
  });

  it('refuses to click a view that is not in front', async () => {
    const rootId = await openModal(emulator.users.approver);
    const { triggerId } = await emulator.command(emulator.users.approver, '/maas', 'x');
    await slack.views.push({
      trigger_id: triggerId,
      view: { type: 'modal', title: plain('On top'), blocks: [] },
    });
    await expect(emulator.click(emulator.users.approver, { viewId: rootId }, 'add-pool')).rejects.toThrow(
      /not the view/,
    );
  });
});

describe('submissions', () => {
  it('keeps a submission with an empty required field in the client, as Slack does, unless lenient', async () => {
    const viewId = await openModal(emulator.users.requester);
    const sent = bot.received.length;
    const blocked = await emulator.submit(emulator.users.requester, viewId, { size: '3' });
    expect(blocked).toMatchObject({
      outcome: 'blocked',
      errors: { name: 'Please complete this required field.' },
    });
    expect(bot.received).toHaveLength(sent);
    await emulator.submit(emulator.users.requester, viewId, { size: '2' }, { lenient: true });
    const submitted = last().body as {
      type: string;
      view: { state: { values: { size: { value: object } } } };
    };
    expect(submitted.type).toBe('view_submission');
    expect(submitted.view.state.values.size.value).toEqual({
      type: 'static_select',
      selected_option: { text: plain('2'), value: '2' },
    });
  });

  it('shows response_action errors under the named input blocks and keeps the modal open', async () => {
    const viewId = await openModal(emulator.users.requester);
    bot.answer = () => json({ response_action: 'errors', errors: { name: 'Use lowercase letters.' } });
    const result = await emulator.submit(emulator.users.requester, viewId, { name: 'Team A' });
    expect(result).toMatchObject({ outcome: 'errors', errors: { name: 'Use lowercase letters.' } });
    expect(emulator.views(emulator.users.requester).at(-1)).toMatchObject({
      id: viewId,
      errors: { name: 'Use lowercase letters.' },
    });
  });

  it('treats errors for blocks that are not inputs as a failed answer', async () => {
    const viewId = await openModal(emulator.users.requester);
    bot.answer = () => json({ response_action: 'errors', errors: { pools: 'not an input' } });
    const result = await emulator.submit(emulator.users.requester, viewId, { name: 'team-a' });
    expect(result.outcome).toBe('failed');
    expect(emulator.views(emulator.users.requester).at(-1)!.problem).toBe(CONNECTION_PROBLEM);
  });

  it('updates the view in place, keeping what was typed in elements that stayed', async () => {
    const viewId = await openModal(emulator.users.requester);
    bot.answer = () =>
      json({ response_action: 'update', view: { ...wizardView, title: plain('Control plane') } });
    const result = await emulator.submit(emulator.users.requester, viewId, { name: 'team-a' });
    expect(result.outcome).toBe('updated');
    const [record] = emulator.views(emulator.users.requester);
    expect(record).toMatchObject({ id: viewId, view: { title: { text: 'Control plane' } } });
    expect(record!.values.name!.value).toEqual({ type: 'plain_text_input', value: 'team-a' });
  });

  it('pushes a view, closes only the top one on an empty answer, and clears the stack on clear', async () => {
    const user = emulator.users.admin;
    const rootId = await openModal(user);
    bot.answer = () => json({ response_action: 'push', view: { ...wizardView, title: plain('Confirm') } });
    expect((await emulator.submit(user, rootId, { name: 'team-b' })).outcome).toBe('pushed');
    const stack = emulator.views(user);
    expect(stack.map((record) => record.id)[0]).toBe(rootId);
    bot.answer = () => new Response(null, { status: 200 });
    expect((await emulator.submit(user, stack[1]!.id, { name: 'team-b' })).outcome).toBe('closed');
    expect(emulator.views(user).map((record) => record.id)).toEqual([rootId]);
    bot.answer = () => json({ response_action: 'clear' });
    expect((await emulator.submit(user, rootId, { name: 'team-b' })).outcome).toBe('cleared');
    expect(emulator.views(user)).toEqual([]);
  });

  it('shows Slack’s connection banner and keeps the modal when the bot fails', async () => {
    const viewId = await openModal(emulator.users.requester);
    bot.answer = () => new Response('oops', { status: 503 });
    const result = await emulator.submit(emulator.users.requester, viewId, { name: 'team-a' });
    expect(result).toMatchObject({ status: 503, outcome: 'failed' });
    expect(emulator.views(emulator.users.requester).at(-1)).toMatchObject({
      id: viewId,
      problem: CONNECTION_PROBLEM,
    });
  });

  it('sends view_closed when a view that asked for it is dismissed', async () => {
    const viewId = await openModal(emulator.users.outsider);
    await emulator.dismiss(emulator.users.outsider, viewId);
    expect(last().body).toMatchObject({
      type: 'view_closed',
      is_cleared: false,
      view: { id: viewId, callback_id: 'wizard' },
    });
    expect(emulator.views(emulator.users.outsider)).toEqual([]);
    const quiet = await openModal(emulator.users.outsider, { ...wizardView, notify_on_close: false });
    const sent = bot.received.length;
    expect(await emulator.dismiss(emulator.users.outsider, quiet)).toBeUndefined();
    expect(bot.received).toHaveLength(sent);
  });
});

describe('external selects', () => {
  it('asks the bot only once the query reaches min_query_length (3 by default), and returns its options', async () => {
    const viewId = await openModal(emulator.users.requester);
    const sent = bot.received.length;
    expect(await emulator.suggest(emulator.users.requester, viewId, 'pick', 'ub')).toMatchObject({
      sent: false,
      options: [],
    });
    expect(bot.received).toHaveLength(sent);
    bot.answer = () =>
      json({
        option_groups: [{ label: plain('Ubuntu'), options: [option('ubuntu-22'), option('ubuntu-24')] }],
      });
    const result = await emulator.suggest(emulator.users.requester, viewId, 'pick', 'ubu');
    expect(result.options.map((choice) => choice.value)).toEqual(['ubuntu-22', 'ubuntu-24']);
    expect(last().body).toMatchObject({
      type: 'block_suggestion',
      action_id: 'pick',
      block_id: 'profile',
      value: 'ubu',
      view: { id: viewId },
    });
  });
});

describe('events and waiting', () => {
  it('sends app_home_opened as a signed Events API envelope, with retry headers when asked', async () => {
    await emulator.openHome(emulator.users.requester);
    const received = last();
    expect(received.headers['content-type']).toBe('application/json');
    expect(received.body).toMatchObject({
      type: 'event_callback',
      team_id: 'T0MAAS',
      event: { type: 'app_home_opened', user: emulator.users.requester, tab: 'home' },
      authorizations: [{ user_id: emulator.bot.userId, is_bot: true }],
    });
    await emulator.event(
      { type: 'app_home_opened', user: emulator.users.requester, tab: 'home' },
      { retryNum: 1 },
    );
    expect(last().headers).toMatchObject({
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
  });

  it('waitFor resolves on the change that makes the predicate true, and rejects when the emulator closes', async () => {
    const waiting = emulator.waitFor((ws) => ws.messages.find((message) => message.text === 'eventually'));
    await slack.chat.postMessage({ channel: emulator.channels.requests, text: 'eventually' });
    expect((await waiting).text).toBe('eventually');
    const other = await startSlackEmulator({ signingSecret: TEST_SIGNING_SECRET, botToken: TEST_BOT_TOKEN });
    const never = other.waitFor(() => false);
    await other.close();
    await expect(never).rejects.toThrow(/closed before the workspace reached the expected state/);
  });
});
