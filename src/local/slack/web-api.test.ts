import { LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeBot, startFakeBot, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../../../test/support/slack';
import { NO_TIME_LIMITS, type SlackEmulator, startSlackEmulator } from './emulator';

let emulator: SlackEmulator;
let bot: FakeBot;
let slack: WebClient;
let clock = Date.now();

beforeAll(async () => {
  bot = await startFakeBot();
  emulator = await startSlackEmulator({
    signingSecret: TEST_SIGNING_SECRET,
    botToken: TEST_BOT_TOKEN,
    botEventsUrl: bot.url,
    now: () => clock,
  });
  slack = client(TEST_BOT_TOKEN);
});
afterAll(async () => {
  await emulator.close();
  await bot.close();
});

function client(token?: string) {
  return new WebClient(token, {
    slackApiUrl: emulator.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
  });
}

/** Slack's error code of a failed call (the test fails if the call succeeds). */
async function slackError(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => undefined,
    (failure: { data?: { error?: string } }) => failure,
  );
  expect(error, 'the call should have failed').toBeDefined();
  return error!.data?.error ?? 'no data';
}

/** A fresh trigger id, as a slash command gives the bot. */
async function trigger(user = emulator.users.requester) {
  return (await emulator.command(user, '/maas', 'create-cluster')).triggerId;
}

const modal = (title = 'Create cluster', blocks: unknown[] = []) => ({
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: title },
  blocks: blocks as never[],
});

describe('authentication', () => {
  it('refuses calls without a token or with another one, as Slack does', async () => {
    expect(await slackError(client().auth.test())).toBe('not_authed');
    expect(await slackError(client('xoxb-wrong').auth.test())).toBe('invalid_auth');
  });

  it('auth.test names the bot', async () => {
    const result = await slack.auth.test();
    expect(result).toMatchObject({
      ok: true,
      user_id: emulator.bot.userId,
      bot_id: emulator.bot.botId,
      team_id: 'T0MAAS',
    });
  });
});

describe('chat', () => {
  it('posts a message as the bot, replies in its thread and counts the replies', async () => {
    const channel = emulator.channels.requests;
    const parent = await slack.chat.postMessage({ channel, text: 'Request submitted' });
    expect(parent.message).toMatchObject({
      text: 'Request submitted',
      bot_id: emulator.bot.botId,
      user: emulator.bot.userId,
    });
    await slack.chat.postMessage({ channel, text: 'Provisioning 10%', thread_ts: parent.ts! });
    await slack.chat.postMessage({ channel, text: 'Provisioning 50%', thread_ts: parent.ts! });
    const thread = emulator.messages(channel, { threadTs: parent.ts! });
    expect(thread.map((message) => message.text)).toEqual([
      'Request submitted',
      'Provisioning 10%',
      'Provisioning 50%',
    ]);
    expect(thread[0]!.replyCount).toBe(2);
    expect(emulator.messages(channel).map((message) => message.text)).not.toContain('Provisioning 10%');
    expect(await slackError(slack.chat.postMessage({ channel, text: 'x', thread_ts: '1.000001' }))).toBe(
      'thread_not_found',
    );
  });

  it('refuses channels the bot is not in, unknown channels and empty messages', async () => {
    expect(await slackError(slack.chat.postMessage({ channel: emulator.channels.random, text: 'hi' }))).toBe(
      'not_in_channel',
    );
    expect(await slackError(slack.chat.postMessage({ channel: 'C0NOWHERE', text: 'hi' }))).toBe(
      'channel_not_found',
    );
    expect(await slackError(slack.chat.postMessage({ channel: emulator.channels.requests, text: '' }))).toBe(
      'no_text',
    );
  });

  it('checks blocks against Block Kit limits and answers invalid_blocks with Slack’s pointers', async () => {
    const failure = await slack.chat
      .postMessage({
        channel: emulator.channels.requests,
        text: 'fallback',
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } },
          { type: 'section', block_id: 'a', text: { type: 'mrkdwn', text: 'one' } },
          { type: 'section', block_id: 'a', text: { type: 'mrkdwn', text: 'two' } },
        ],
      })
      .catch((error: { data: { error: string; response_metadata: { messages: string[] } } }) => error.data);
    expect(failure).toMatchObject({ error: 'invalid_blocks' });
    const messages = (failure as { response_metadata: { messages: string[] } }).response_metadata.messages;
    expect(messages.some((message) => message.includes('[json-pointer:/blocks/0/text/text]'))).toBe(true);
    expect(messages.some((message) => message.includes('duplicate block_id a'))).toBe(true);
  });

  it('posts to a person’s DM when the channel is their user id', async () => {
    const result = await slack.chat.postMessage({ channel: emulator.users.outsider, text: 'Your request' });
    expect(result.channel).toMatch(/^D/);
    const opened = await slack.conversations.open({ users: emulator.users.outsider });
    expect(opened.channel?.id).toBe(result.channel);
    expect(emulator.messages(result.channel!).map((message) => message.text)).toEqual(['Your request']);
  });

  it('updates and deletes the bot’s messages, and gives permalinks', async () => {
    const channel = emulator.channels.approvals;
    const posted = await slack.chat.postMessage({ channel, text: 'Approve?' });
    await slack.chat.update({ channel, ts: posted.ts!, text: 'Approved by Priya' });
    const [message] = emulator.messages(channel).filter((candidate) => candidate.ts === posted.ts);
    expect(message).toMatchObject({ text: 'Approved by Priya' });
    expect(message!.editedTs).toBeDefined();
    const link = await slack.chat.getPermalink({ channel, message_ts: posted.ts! });
    expect(link.permalink).toBe(`${emulator.url}/archives/${channel}/p${posted.ts!.replace('.', '')}`);
    await slack.chat.delete({ channel, ts: posted.ts! });
    expect(emulator.messages(channel).some((candidate) => candidate.ts === posted.ts)).toBe(false);
    expect(await slackError(slack.chat.update({ channel, ts: posted.ts!, text: 'x' }))).toBe(
      'message_not_found',
    );
  });

  it('shows ephemeral messages only to members of the channel', async () => {
    const { approvals } = emulator.channels;
    const sent = await slack.chat.postEphemeral({
      channel: approvals,
      user: emulator.users.approver,
      text: 'only you',
    });
    expect(
      emulator.ephemerals(emulator.users.approver).find((message) => message.ts === sent.message_ts),
    ).toMatchObject({
      channel: approvals,
      text: 'only you',
      from: 'bot',
    });
    expect(
      await slackError(
        slack.chat.postEphemeral({ channel: approvals, user: emulator.users.outsider, text: 'x' }),
      ),
    ).toBe('user_not_in_channel');
  });
});

describe('views', () => {
  it('opens a modal with a fresh trigger id, once, within 3 seconds', async () => {
    const first = await trigger();
    const opened = await slack.views.open({ trigger_id: first, view: modal() });
    expect(opened.view).toMatchObject({
      type: 'modal',
      title: { text: 'Create cluster' },
      root_view_id: opened.view!.id,
    });
    expect(opened.view!.id).toMatch(/^V[A-Z0-9]{10}$/);
    expect(emulator.views(emulator.users.requester).map((record) => record.id)).toEqual([opened.view!.id]);
    expect(await slackError(slack.views.open({ trigger_id: first, view: modal() }))).toBe(
      'exchanged_trigger_id',
    );
    expect(await slackError(slack.views.open({ trigger_id: '1.2.nope', view: modal() }))).toBe(
      'invalid_trigger_id',
    );
    const late = await trigger();
    clock += 3_001;
    expect(await slackError(slack.views.open({ trigger_id: late, view: modal() }))).toBe(
      'expired_trigger_id',
    );
  });

  it('keeps trigger ids and waits for answers without limit when told to (NO_TIME_LIMITS, for tests)', async () => {
    let now = Date.now();
    const unlimited = await startSlackEmulator({
      signingSecret: TEST_SIGNING_SECRET,
      botToken: TEST_BOT_TOKEN,
      botEventsUrl: bot.url,
      now: () => now,
      timeLimits: NO_TIME_LIMITS,
    });
    try {
      const { triggerId } = await unlimited.command(unlimited.users.requester, '/maas', 'create-cluster');
      now += 3_600_000;
      const opened = await new WebClient(TEST_BOT_TOKEN, {
        slackApiUrl: unlimited.apiUrl,
        retryConfig: { retries: 0 },
        logLevel: LogLevel.ERROR,
      }).views.open({ trigger_id: triggerId, view: modal() });
      expect(opened.ok).toBe(true);
    } finally {
      await unlimited.close();
    }
  });

  it('refuses views Slack would refuse: long titles, inputs without submit, too many blocks', async () => {
    const input = {
      type: 'input',
      label: { type: 'plain_text', text: 'Name' },
      element: { type: 'plain_text_input' },
    };
    const divider = { type: 'divider' };
    for (const view of [
      modal('A title longer than 24 chars'),
      modal('Create', [input]),
      modal(
        'Create',
        Array.from({ length: 101 }, () => divider),
      ),
    ])
      expect(await slackError(slack.views.open({ trigger_id: await trigger(), view }))).toBe(
        'invalid_arguments',
      );
  });

  it('fills in block and action ids, and checks the hash on update', async () => {
    const select = {
      type: 'static_select',
      options: [{ text: { type: 'plain_text', text: 'One' }, value: '1' }],
    };
    const opened = await slack.views.open({
      trigger_id: await trigger(),
      view: {
        ...modal(),
        submit: { type: 'plain_text', text: 'Next' },
        blocks: [{ type: 'actions', elements: [select] }],
      } as never,
    });
    const [block] = opened.view!.blocks as { block_id: string; elements: { action_id: string }[] }[];
    expect(block!.block_id).toBeTruthy();
    expect(block!.elements[0]!.action_id).toBeTruthy();
    expect(
      await slackError(
        slack.views.update({ view_id: opened.view!.id!, hash: 'stale', view: modal('Step 2') }),
      ),
    ).toBe('hash_conflict');
    const updated = await slack.views.update({
      view_id: opened.view!.id!,
      hash: opened.view!.hash!,
      view: modal('Step 2'),
    });
    expect(updated.view).toMatchObject({ id: opened.view!.id, title: { text: 'Step 2' } });
    expect(updated.view!.hash).not.toBe(opened.view!.hash);
    expect(await slackError(slack.views.update({ view_id: 'V0NOTTHERE', view: modal() }))).toBe('not_found');
  });

  it('pushes at most two views on a modal', async () => {
    await slack.views.open({ trigger_id: await trigger(), view: modal('Root') });
    await slack.views.push({ trigger_id: await trigger(), view: modal('Second') });
    await slack.views.push({ trigger_id: await trigger(), view: modal('Third') });
    expect(await slackError(slack.views.push({ trigger_id: await trigger(), view: modal('Fourth') }))).toBe(
      'push_limit_reached',
    );
    const stack = emulator.views(emulator.users.requester);
    expect(stack.map((record) => (record.view as { title: { text: string } }).title.text)).toEqual([
      'Root',
      'Second',
      'Third',
    ]);
    expect(stack[2]!.previousViewId).toBe(stack[1]!.id);
    expect(stack[2]!.rootViewId).toBe(stack[0]!.id);
  });

  it('updates by external_id and refuses a duplicate one', async () => {
    await slack.views.open({
      trigger_id: await trigger(),
      view: { ...modal('Wizard'), external_id: 'wizard-1' },
    });
    const updated = await slack.views.update({
      external_id: 'wizard-1',
      view: { ...modal('Wizard, step 2'), external_id: 'wizard-1' },
    });
    expect(updated.view).toMatchObject({ title: { text: 'Wizard, step 2' }, external_id: 'wizard-1' });
    const other = await trigger(emulator.users.approver);
    expect(
      await slackError(
        slack.views.open({ trigger_id: other, view: { ...modal(), external_id: 'wizard-1' } }),
      ),
    ).toBe('duplicate_external_id');
    // Unique across the team's views, whoever holds them: an update may not take one either, nor a Home.
    const second = await slack.views.open({
      trigger_id: await trigger(emulator.users.approver),
      view: { ...modal(), external_id: 'wizard-2' },
    });
    expect(
      await slackError(
        slack.views.update({ view_id: second.view!.id!, view: { ...modal(), external_id: 'wizard-1' } }),
      ),
    ).toBe('duplicate_external_id');
    expect(
      await slackError(
        slack.views.publish({
          user_id: emulator.users.admin,
          view: { type: 'home', blocks: [], external_id: 'wizard-2' },
        }),
      ),
    ).toBe('duplicate_external_id');
  });

  it('publishes a person’s App Home', async () => {
    const view = {
      type: 'home' as const,
      blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Your clusters' } }],
    };
    const first = await slack.views.publish({ user_id: emulator.users.admin, view });
    expect(emulator.home(emulator.users.admin)?.id).toBe(first.view!.id);
    expect(
      await slackError(slack.views.publish({ user_id: emulator.users.admin, view, hash: 'stale' })),
    ).toBe('hash_conflict');
    expect(await slackError(slack.views.publish({ user_id: 'U0NOBODY', view }))).toBe('user_not_found');
  });
});

describe('response URLs', () => {
  it('take at most five posts, within 30 minutes of the interaction', async () => {
    const post = (url: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'later' }),
      });
    const { responseUrl: late } = await emulator.command(emulator.users.requester, '/maas', 'list');
    clock += 29 * 60_000;
    expect((await post(late)).status).toBe(200);
    clock += 60_001;
    expect((await post(late)).status).toBe(404);
    const { responseUrl: busy } = await emulator.command(emulator.users.requester, '/maas', 'list');
    for (let use = 1; use <= 5; use++) expect((await post(busy)).status, `use ${use}`).toBe(200);
    expect(await (await post(busy)).json()).toEqual({ ok: false, error: 'expired_url' });
  });
});

describe('people and conversations', () => {
  it('lists a user group’s members and describes people and channels', async () => {
    expect((await slack.usergroups.users.list({ usergroup: emulator.groups.approvers })).users).toEqual([
      emulator.users.approver,
      emulator.users.approver2,
    ]);
    expect(await slackError(slack.usergroups.users.list({ usergroup: 'S0NONE' }))).toBe('no_such_subteam');
    expect((await slack.users.info({ user: emulator.users.requester })).user).toMatchObject({
      id: emulator.users.requester,
      real_name: 'Riley Chen',
    });
    expect((await slack.conversations.info({ channel: emulator.channels.approvals })).channel).toMatchObject({
      name: 'cluster-approvals',
      is_member: true,
    });
    expect((await slack.conversations.info({ channel: emulator.channels.random })).channel).toMatchObject({
      is_member: false,
    });
  });
});

describe('recording and injected failures', () => {
  it('records each call with its arguments (JSON fields parsed, token left out)', async () => {
    await slack.chat.postMessage({
      channel: emulator.channels.requests,
      text: 'with blocks',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }],
    });
    const call = emulator.calls('chat.postMessage').at(-1)!;
    expect(call).toMatchObject({
      ok: true,
      status: 200,
      args: { text: 'with blocks', blocks: [{ type: 'section' }] },
    });
    expect(call.args).not.toHaveProperty('token');
  });

  it('fails the next call of a method with a 429 and Retry-After, or with Slack’s error, then recovers', async () => {
    emulator.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const limited = await fetch(`${emulator.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_BOT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: emulator.channels.requests, text: 'x' }),
    });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    emulator.failNext('chat.postMessage', { error: 'channel_not_found' });
    expect(await slackError(slack.chat.postMessage({ channel: emulator.channels.requests, text: 'x' }))).toBe(
      'channel_not_found',
    );
    expect((await slack.chat.postMessage({ channel: emulator.channels.requests, text: 'x' })).ok).toBe(true);
    expect(
      emulator
        .calls('chat.postMessage')
        .slice(-3)
        .map((call) => call.error ?? 'ok'),
    ).toEqual(['ratelimited', 'channel_not_found', 'ok']);
  });
});
