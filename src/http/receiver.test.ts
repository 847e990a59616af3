import { App } from '@slack/bolt';
import { describe, expect, it, vi } from 'vitest';
import { recordedMetrics } from '../../test/support/metrics';
import { silentLogger } from '../../test/support/slack';
import { until } from '../../test/support/wait';
import { slackLogger } from '../slack/logger';
import { FALLBACK_TEXT } from './fallback';
import { HonoBoltReceiver } from './receiver';

const FORM = 'application/x-www-form-urlencoded';

/** A receiver and its app; no ack guard unless asked, so a busy machine cannot change what a listener's test sees. */
function setup(ackTimeoutMs = Number.POSITIVE_INFINITY) {
  const logger = silentLogger();
  const warn = vi.spyOn(logger, 'warn');
  const error = vi.spyOn(logger, 'error');
  const recorded = recordedMetrics();
  const receiver = new HonoBoltReceiver({ logger, ackTimeoutMs, metrics: recorded.metrics });
  const app = new App({
    receiver,
    token: 'xoxb-unit',
    botId: 'B1',
    botUserId: 'U1BOT',
    tokenVerificationEnabled: false,
    processBeforeResponse: true,
    logger: slackLogger(logger),
  });
  app.error(async () => {});
  // As the HTTP app hands a verified request over: its body as read, and its headers.
  const handle = async (request: Request) => receiver.handleVerified(await request.text(), request.headers);
  return { app, handle, warn, error, recorded };
}

const request = (body: string, contentType = FORM, headers: Record<string, string> = {}) =>
  new Request('http://bot.local/slack/events', {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });

const command = (text: string) =>
  request(
    new URLSearchParams({
      command: '/maas',
      text,
      user_id: 'U0REQUESTER',
      channel_id: 'C0REQUESTS',
      team_id: 'T0MAAS',
      trigger_id: '1.2.3',
      response_url: 'http://127.0.0.1:9/r',
    }).toString(),
  );

const base = {
  team: { id: 'T0MAAS' },
  user: { id: 'U0REQUESTER', team_id: 'T0MAAS' },
  api_app_id: 'A1',
  token: 't',
};
const view = {
  id: 'V1',
  type: 'modal',
  callback_id: 'wizard',
  blocks: [],
  state: { values: {} },
  private_metadata: '',
};
const interaction = (payload: Record<string, unknown>) =>
  request(new URLSearchParams({ payload: JSON.stringify({ ...base, ...payload }) }).toString());
const event = (inner: Record<string, unknown>, headers: Record<string, string> = {}) =>
  request(
    JSON.stringify({
      type: 'event_callback',
      team_id: 'T0MAAS',
      event_id: 'Ev1',
      event: inner,
      authorizations: [],
    }),
    'application/json',
    headers,
  );

describe('HonoBoltReceiver', () => {
  it('answers a slash command with the object ack() got, as JSON', async () => {
    const { app, handle } = setup();
    app.command('/maas', async ({ ack, command: slash }) => {
      await ack({ response_type: 'ephemeral', text: `you said ${slash.text}` });
    });
    const response = await handle(command('help me'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ response_type: 'ephemeral', text: 'you said help me' });
  });

  it('answers an empty ack with an empty 200, and a string ack as text', async () => {
    const { app, handle } = setup();
    app.command('/maas', async ({ ack, command: slash }) => {
      await (slash.text === 'text' ? ack('plain words') : ack());
    });
    const empty = await handle(command(''));
    expect([empty.status, await empty.text()]).toEqual([200, '']);
    const text = await handle(command('text'));
    expect([text.status, await text.text()]).toEqual([200, 'plain words']);
  });

  it('runs the listener to its end before answering (processBeforeResponse: nothing runs after the response)', async () => {
    const { app, handle } = setup();
    const steps: string[] = [];
    let release: () => void = () => {};
    const rest = new Promise<void>((resolve) => {
      release = resolve;
    });
    app.command('/maas', async ({ ack }) => {
      await ack();
      steps.push('acked');
      await rest;
      steps.push('finished');
    });
    let answered = false;
    const answer = handle(command('')).then(() => {
      answered = true;
    });
    await until('the listener to ack', () => (steps.includes('acked') ? true : undefined));
    expect(answered).toBe(false);
    release();
    await answer;
    expect(steps).toEqual(['acked', 'finished']);
  });

  it('dispatches block_actions with the action as payload and answers 200', async () => {
    const { app, handle } = setup();
    const seen = vi.fn();
    app.action('approve', async ({ ack, action, body }) => {
      await ack();
      seen(action, body.type);
    });
    const response = await handle(
      interaction({
        type: 'block_actions',
        container: { type: 'message', message_ts: '1.1', channel_id: 'C1' },
        channel: { id: 'C1' },
        trigger_id: '1.2.3',
        actions: [
          { type: 'button', action_id: 'approve', block_id: 'b', value: 'cluster-1', action_ts: '1.2' },
        ],
      }),
    );
    expect([response.status, await response.text()]).toEqual([200, '']);
    expect(seen).toHaveBeenCalledWith(
      expect.objectContaining({ action_id: 'approve', value: 'cluster-1' }),
      'block_actions',
    );
  });

  it('answers a view_submission with the response_action the listener acked (field errors)', async () => {
    const { app, handle } = setup();
    app.view('wizard', async ({ ack, view: submitted }) => {
      await ack({ response_action: 'errors', errors: { name: `bad name in ${submitted.id}` } });
    });
    const response = await handle(interaction({ type: 'view_submission', trigger_id: '1.2.3', view }));
    expect(await response.json()).toEqual({ response_action: 'errors', errors: { name: 'bad name in V1' } });
  });

  it('dispatches view_closed to a listener that asked for it', async () => {
    const { app, handle } = setup();
    const closed = vi.fn();
    app.view({ callback_id: 'wizard', type: 'view_closed' }, async ({ ack, body }) => {
      await ack();
      closed(body.type, (body as { is_cleared?: boolean }).is_cleared);
    });
    const response = await handle(interaction({ type: 'view_closed', view, is_cleared: false }));
    expect(response.status).toBe(200);
    expect(closed).toHaveBeenCalledWith('view_closed', false);
  });

  it('answers a block_suggestion with the options the listener acked', async () => {
    const { app, handle } = setup();
    app.options('profile', async ({ ack, options }) => {
      await ack({ options: [{ text: { type: 'plain_text', text: `match ${options.value}` }, value: 'p1' }] });
    });
    const response = await handle(
      interaction({ type: 'block_suggestion', action_id: 'profile', block_id: 'b', value: 'ubu', view }),
    );
    expect(await response.json()).toEqual({
      options: [{ text: { type: 'plain_text', text: 'match ubu' }, value: 'p1' }],
    });
  });

  it('answers url_verification with the challenge and ssl_check with an empty 200, running no listener', async () => {
    const { app, handle } = setup();
    const anything = vi.fn();
    app.use(async () => anything());
    const challenge = await handle(
      request(
        JSON.stringify({ type: 'url_verification', token: 't', challenge: 'c-123' }),
        'application/json',
      ),
    );
    expect(await challenge.json()).toEqual({ challenge: 'c-123' });
    const ssl = await handle(request('ssl_check=1&token=t'));
    expect([ssl.status, await ssl.text()]).toEqual([200, '']);
    expect(anything).not.toHaveBeenCalled();
  });

  it('dispatches a first Events API delivery, answers its retries 200 at once and never runs them', async () => {
    const { app, handle } = setup();
    const opened = vi.fn();
    app.event('app_home_opened', async ({ event: home }) => opened(home.user));
    const home = {
      type: 'app_home_opened',
      user: 'U0REQUESTER',
      channel: 'D1',
      tab: 'home',
      event_ts: '1.1',
    };
    expect((await handle(event(home))).status).toBe(200);
    const retry = await handle(
      event(home, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }),
    );
    expect([retry.status, await retry.text()]).toEqual([200, '']);
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('passes X-Slack-Retry-Num and -Reason into the Bolt context', async () => {
    const { app, handle } = setup();
    const context = vi.fn();
    app.command('/maas', async ({ ack, context: ctx }) => {
      context(ctx.retryNum, ctx.retryReason);
      await ack();
    });
    const retried = command('');
    retried.headers.set('x-slack-retry-num', '2');
    retried.headers.set('x-slack-retry-reason', 'http_error');
    await handle(retried);
    expect(context).toHaveBeenCalledWith(2, 'http_error');
  });

  it('turns a listener error before ack() into a kind 200 for each kind of request, never a 5xx', async () => {
    const { app, handle } = setup();
    const fail = async () => {
      throw new Error('Palette is down');
    };
    app.command('/maas', fail);
    app.view('wizard', fail);
    app.options('profile', fail);
    app.action('approve', fail);
    const answers = await Promise.all([
      handle(command('list')),
      handle(interaction({ type: 'view_submission', trigger_id: '1', view })),
      handle(
        interaction({ type: 'block_suggestion', action_id: 'profile', block_id: 'b', value: 'x', view }),
      ),
      handle(
        interaction({
          type: 'block_actions',
          trigger_id: '1',
          container: { type: 'view', view_id: 'V1' },
          view,
          actions: [{ type: 'button', action_id: 'approve', block_id: 'b', action_ts: '1' }],
        }),
      ),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    const [slash, submission, options, click] = await Promise.all(answers.map((answer) => answer.text()));
    expect(JSON.parse(slash!)).toEqual({ response_type: 'ephemeral', text: FALLBACK_TEXT });
    expect(JSON.parse(submission!)).toMatchObject({ response_action: 'push', view: { type: 'modal' } });
    expect(JSON.parse(options!)).toEqual({ options: [] });
    expect(click).toBe('');
  });

  it('keeps the ack when the listener fails after it', async () => {
    const { app, handle } = setup();
    app.command('/maas', async ({ ack }) => {
      await ack({ text: 'done' });
      throw new Error('later failure');
    });
    expect(await (await handle(command(''))).json()).toEqual({ text: 'done' });
  });

  it('turns a second ack() into a listener error, keeping the first answer', async () => {
    const { app, handle } = setup();
    const second = vi.fn();
    app.command('/maas', async ({ ack }) => {
      await ack({ text: 'first' });
      await ack({ text: 'second' }).catch((error: Error) => second(error.name));
    });
    expect(await (await handle(command(''))).json()).toEqual({ text: 'first' });
    expect(second).toHaveBeenCalledWith('MultipleAckError');
  });

  it('answers when a listener outlives the ack timeout: the stored ack, or the fallback without one', async () => {
    const { app, handle, error } = setup(40);
    let release: () => void = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    app.command('/maas', async ({ ack, command: slash }) => {
      if (slash.text === 'acked') await ack({ text: 'acked early' });
      await blocked;
    });
    expect(await (await handle(command('acked'))).json()).toEqual({ text: 'acked early' });
    expect(await (await handle(command('silent'))).json()).toEqual({
      response_type: 'ephemeral',
      text: FALLBACK_TEXT,
    });
    expect(error).toHaveBeenCalledWith(expect.stringContaining('ack timeout'), expect.anything());
    release();
  });

  it('answers a request no listener handles with the fallback (200)', async () => {
    const { handle, warn } = setup();
    const response = await handle(command('anything'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ response_type: 'ephemeral', text: FALLBACK_TEXT });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('No Slack listener acknowledged'));
  });

  it('counts every request by kind and outcome, and times each answer by kind (EMF)', async () => {
    const { app, handle, recorded } = setup(40);
    app.command('/maas', async ({ ack, command: slash }) => {
      if (slash.text === 'slow') await new Promise((resolve) => setTimeout(resolve, 200));
      await ack();
    });
    app.action('approve', async () => {
      throw new Error('Palette is down');
    });
    await handle(command('help'));
    await handle(command('slow'));
    await handle(
      interaction({
        type: 'block_actions',
        trigger_id: '1',
        container: { type: 'message', message_ts: '1.1', channel_id: 'C1' },
        actions: [{ type: 'button', action_id: 'approve', block_id: 'b', action_ts: '1' }],
      }),
    );
    await handle(request('{"type":', 'application/json'));

    const counted = recorded.find('SlackRequests').map((document) => [document.kind, document.outcome]);
    expect(counted).toEqual([
      ['command', 'ok'],
      ['command', 'timeout'],
      ['block_actions', 'failed'],
      ['unknown', 'malformed'],
    ]);
    expect(recorded.find('SlackRequests')[0]!._aws.CloudWatchMetrics[0]).toEqual({
      Namespace: 'maas-chatops/test',
      Dimensions: [
        ['service', 'kind', 'outcome'],
        ['service', 'outcome'],
      ],
      Metrics: [{ Name: 'SlackRequests', Unit: 'Count' }],
    });
    const commandLatencies = recorded.values('SlackAckLatency', { kind: 'command' });
    expect(commandLatencies).toHaveLength(2);
    for (const latency of commandLatencies) expect(latency).toBeGreaterThan(0);
    expect(recorded.values('SlackAckLatency', { kind: 'block_actions' })).toHaveLength(1);
  });

  it('answers 400 to a verified body it cannot parse, running nothing', async () => {
    const { handle } = setup();
    const response = await handle(request('{"type":', 'application/json'));
    expect(response.status).toBe(400);
  });
});
