import type { Hono } from 'hono';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackEmulator, startSlackEmulator } from '../../src/local/slack/emulator';
import { createPlaygroundPage, type PlaygroundPage } from '../../src/local/slack/page';
import type { PageState } from '../../src/local/slack/page/state';

/** The page's server side over HTTP: what it serves, what it refuses, and the live state it pushes. */
describe('the playground page routes', () => {
  let page: PlaygroundPage;
  let slack: SlackEmulator;
  let mounted: Hono | undefined;

  const post = async (path: string, body: unknown) => {
    const response = await request(`${slack.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    page = await createPlaygroundPage();
    slack = await startSlackEmulator({
      signingSecret: 'page-routes-signing-secret',
      botToken: 'xoxb-page-routes',
      extend: (app) => {
        mounted = app;
        page.mount(app);
      },
    });
    // No bot listens here: commands reach nobody, as when the bot is down.
    slack.setBotEventsUrl('http://127.0.0.1:9/slack/events');
  });
  afterAll(() => slack?.close());

  it('answers 503 until the page is attached to the running emulator', async () => {
    expect((await request(`${slack.url}/page/state?user=requester`)).statusCode).toBe(503);
    expect((await post('/page/home', { user: 'U0REQUESTER' })).status).toBe(503);
    page.attach(slack);
  });

  it('serves the page, its script and its styles from this server only, under a strict CSP', async () => {
    const html = await request(`${slack.url}/`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-security-policy']).toContain("default-src 'self'");
    const text = await html.body.text();
    expect(text).toContain('<script src="/page/app.js"');
    expect(text).not.toMatch(/https?:\/\//);
    const script = await request(`${slack.url}/page/app.js`);
    expect(script.headers['content-type']).toContain('text/javascript');
    expect(await script.body.text()).toContain('EventSource');
    expect((await request(`${slack.url}/page/app.css`)).headers['content-type']).toContain('text/css');
    expect(mounted).toBeDefined();
  });

  it("gives each person's view of the workspace: people with roles and groups, channels, the bot's membership", async () => {
    const response = await request(`${slack.url}/page/state?user=approver`);
    const state = (await response.body.json()) as PageState;
    expect(state.me).toBe(slack.users.approver);
    expect(state.people.map((person) => [person.role, person.groups])).toEqual([
      ['requester', []],
      ['approver', ['cluster-approvers']],
      ['approver2', ['cluster-approvers']],
      ['admin', ['platform-admins']],
      ['outsider', []],
      ['dataRequester', []],
      ['dataApprover', ['data-leads']],
    ]);
    expect(state.channels.map((channel) => [channel.name, channel.isMember, channel.botIsMember])).toEqual([
      ['platform-requests', true, true],
      ['cluster-approvals', true, true],
      ['data-requests', false, true],
      ['data-approvals', false, true],
      ['random', true, false],
    ]);
    expect(state.directory.groups[slack.groups.approvers]).toBe('cluster-approvers');
    expect((await request(`${slack.url}/page/state?user=U0NOBODY`)).statusCode).toBe(400);
  });

  it('refuses bad requests with 400 and what the emulator will not do with 409, never a 5xx', async () => {
    expect(await post('/page/click', '{not json')).toMatchObject({ status: 400 });
    expect(await post('/page/click', { user: 'U0REQUESTER', target: {}, actionId: 'x' })).toMatchObject({
      status: 400,
    });
    expect(await post('/page/home', { user: 'U0NOBODY' })).toMatchObject({
      status: 400,
      body: { error: 'Unknown person.' },
    });
    expect(await post('/page/home', { user: 'U0REQUESTER', extra: 1 })).toMatchObject({ status: 400 });
    const closed = await post('/page/submit', { user: 'U0REQUESTER', viewId: 'VNOTOPEN' });
    expect(closed.status).toBe(409);
    expect(closed.body.error).toContain('is not the view');
    const gone = await post('/page/click', {
      user: 'U0REQUESTER',
      target: { channel: slack.channels.requests, ts: '1.000001' },
      actionId: 'approve',
    });
    expect(gone.status).toBe(409);
  });

  it('runs only the commands the workspace knows, as the person, and says when the bot does not answer', async () => {
    const unknown = await post('/page/command', {
      user: 'U0REQUESTER',
      channel: slack.channels.requests,
      text: '/deploy x',
    });
    expect(unknown).toEqual({ status: 200, body: { error: '/deploy is not a valid command.' } });
    const plain = await post('/page/command', {
      user: 'U0REQUESTER',
      channel: slack.channels.requests,
      text: 'hello',
    });
    expect(plain.body.error).toContain('slash command');
    const sent = await post('/page/command', {
      user: 'U0REQUESTER',
      channel: slack.channels.requests,
      text: '/maas help',
    });
    expect(sent).toEqual({ status: 200, body: { ok: false } });
    expect(slack.ephemerals(slack.users.requester).at(-1)?.text).toBe(
      '/maas failed with the error "dispatch_failed"',
    );
  });

  it('pushes the person’s state at once and again after every change (Server-Sent Events)', async () => {
    const controller = new AbortController();
    const response = await request(`${slack.url}/page/events?user=admin`, { signal: controller.signal });
    expect(response.headers['content-type']).toContain('text/event-stream');
    const states: PageState[] = [];
    let buffer = '';
    const chunks = response.body[Symbol.asyncIterator]();
    /** The next `state` event (one iterator throughout: leaving a for-await loop would close the stream). */
    const next = async (): Promise<PageState> => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = event.split('\n').find((line) => line.startsWith('data:'));
          if (data) return JSON.parse(data.slice(5)) as PageState;
          continue;
        }
        const chunk = await chunks.next();
        if (chunk.done) throw new Error('The event stream ended.');
        buffer += chunk.value.toString();
      }
    };
    states.push(await next());
    expect(states[0]!.ephemerals).toEqual([]);
    await slack.command(slack.users.admin, '/maas', 'list');
    states.push(await next());
    expect(states[1]!.ephemerals.map((message) => message.text)).toEqual([
      '/maas failed with the error "dispatch_failed"',
    ]);
    controller.abort();
  });
});
