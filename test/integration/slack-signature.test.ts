import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SLACK_BODY_LIMIT_BYTES } from '../../src/http/app';
import { DynamoClusterStore } from '../../src/store/dynamo';
import { withDateHeld } from '../support/clock';
import { useDynalite } from '../support/dynalite';
import { postOversized } from '../support/oversized';
import { type SlackHarness, slackHeaders, slashCommandBody, startSlackHarness } from '../support/slack';

const dynalite = useDynalite();
let harness: SlackHarness;
/** Every request that reaches Bolt passes this global middleware: the spy for "no listener runs". */
let reachedBolt = 0;
/** Web API calls before the test: the test's own start from there (whatever ran before it). */
let callsBefore = 0;

beforeAll(async () => {
  const table = await dynalite.freshTable();
  harness = await startSlackHarness({ store: new DynamoClusterStore(table.client, table.tableName) });
  harness.app.use(async ({ next }) => {
    reachedBolt += 1;
    await next();
  });
});
afterAll(() => harness.close());
beforeEach(() => {
  reachedBolt = 0;
  callsBefore = harness.emulator.calls().length;
});

const now = () => Math.floor(Date.now() / 1000);
/** `/maas create-cluster` would call views.open if any listener ran. */
const body = slashCommandBody({ text: 'create-cluster team-a' });

async function post(payload: string, headers: Record<string, string>) {
  // A fresh connection each time: a server that refuses a body mid-upload closes the connection it came on.
  const response = await request(harness.eventsUrl, { method: 'POST', headers, body: payload, reset: true });
  return { status: response.statusCode, text: await response.body.text() };
}

function expectNothingRan() {
  expect(reachedBolt).toBe(0);
  expect(harness.emulator.calls().slice(callsBefore)).toEqual([]);
}

describe('POST /slack/events refuses unsigned, mis-signed and oversized requests before any listener runs', () => {
  it('accepts the same request when it is signed properly (the control)', async () => {
    const result = await harness.emulator.command(
      harness.emulator.users.requester,
      '/maas',
      'create-cluster team-a',
    );
    expect(result.status).toBe(200);
    expect(reachedBolt).toBe(1);
    expect(harness.emulator.calls().slice(callsBefore)).toMatchObject([{ method: 'views.open', ok: true }]);
  });

  const refusals: [string, () => Record<string, string>][] = [
    ['a signature made with another secret', () => slackHeaders(body, { secret: 'not-the-signing-secret' })],
    ['a stale timestamp (5 min 1 s old)', () => slackHeaders(body, { timestampSeconds: now() - 301 })],
    [
      'a timestamp from the future (5 min 1 s ahead)',
      () => slackHeaders(body, { timestampSeconds: now() + 301 }),
    ],
    ['a body altered after signing', () => slackHeaders(slashCommandBody({ text: 'create-cluster team-b' }))],
    ['no signature headers at all', () => ({ 'content-type': 'application/x-www-form-urlencoded' })],
    [
      'a timestamp but no signature',
      () => {
        const { 'x-slack-signature': _, ...rest } = slackHeaders(body);
        return rest;
      },
    ],
    ['a garbled signature', () => ({ ...slackHeaders(body), 'x-slack-signature': 'v0=not-hex' })],
  ];

  for (const [what, headers] of refusals)
    it(`401 for ${what}`, async () => {
      // The window is checked to the second: "5 min 1 s" must still be that when the bot reads the request.
      const result = await withDateHeld(() => post(body, headers()));
      expect(result).toEqual({ status: 401, text: 'Invalid Slack signature.' });
      expectNothingRan();
    });

  it('413 for a body over the limit, announced by Content-Length (decided from the header: the body is not sent)', async () => {
    const big = `${body}&padding=${'x'.repeat(SLACK_BODY_LIMIT_BYTES)}`;
    const result = await postOversized(harness.eventsUrl, slackHeaders(big), {
      declaredBytes: Buffer.byteLength(big),
    });
    expect(result).toEqual({ status: 413, text: 'Request body too large.' });
    expectNothingRan();
  });

  it('413 for a chunked body that grows over the limit, without waiting for its end (it never ends)', async () => {
    const result = await postOversized(harness.eventsUrl, slackHeaders(body), {
      chunkedBytes: SLACK_BODY_LIMIT_BYTES + 1,
    });
    expect(result).toEqual({ status: 413, text: 'Request body too large.' });
    expectNothingRan();
  });

  it('lets a body at exactly the limit through to the signature check', async () => {
    const padded = `${body}&padding=`;
    const exact = padded + 'x'.repeat(SLACK_BODY_LIMIT_BYTES - Buffer.byteLength(padded));
    const result = await post(exact, slackHeaders(exact, { secret: 'wrong' }));
    expect(result.status).toBe(401);
    expectNothingRan();
  });

  it('answers an unsigned ssl_check 200 without running anything', async () => {
    const result = await post(
      `ssl_check=1&token=x&payload=${encodeURIComponent('{"type":"block_actions"}')}`,
      {
        'content-type': 'application/x-www-form-urlencoded',
      },
    );
    expect(result).toEqual({ status: 200, text: '' });
    expectNothingRan();
  });

  it('GET /healthz answers { ok: true }', async () => {
    const response = await request(`${harness.bot.url}/healthz`);
    expect([response.statusCode, await response.body.json()]).toEqual([200, { ok: true }]);
  });
});
