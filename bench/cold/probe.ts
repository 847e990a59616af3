/**
 * Runs in a fresh Node process (bundled by the benchmark): imports one Lambda bundle and invokes its handler once,
 * as the Lambda runtime does on a cold start, then prints `PROBE {json}` with the two times and the answer.
 *
 *   PROBE_SIGNING_SECRET=… node probe.mjs <bundle.mjs> <url_verification|healthz|help|reconcile>
 *
 * The signing secret comes in its own variable: the handler under test may have to read its secrets elsewhere.
 */
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

type Handler = (
  event: unknown,
  context: unknown,
) => Promise<{ statusCode?: number; body?: string } | undefined>;

/** An API Gateway HTTP API (payload 2.0) event, signed as Slack signs when it has a body. */
function apiEvent(method: string, path: string, body?: { text: string; contentType: string }) {
  const headers: Record<string, string> = { host: 'abc123.execute-api.us-east-1.amazonaws.com' };
  if (body) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const secret = process.env.PROBE_SIGNING_SECRET ?? '';
    headers['content-type'] = body.contentType;
    headers['x-slack-request-timestamp'] = timestamp;
    headers['x-slack-signature'] =
      `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body.text}`).digest('hex')}`;
  }
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'Slackbot 1.0' },
      requestId: 'cold-start',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(body ? { body: body.text } : {}),
    isBase64Encoded: false,
  };
}

const EVENTS: Record<string, () => unknown> = {
  url_verification: () =>
    apiEvent('POST', '/slack/events', {
      text: JSON.stringify({ token: 'cold', challenge: 'cold-start-challenge', type: 'url_verification' }),
      contentType: 'application/json',
    }),
  healthz: () => apiEvent('GET', '/healthz'),
  help: () =>
    apiEvent('POST', '/slack/events', {
      text: new URLSearchParams({
        command: '/maas',
        text: 'help',
        user_id: 'U0REQUESTER',
        channel_id: 'C0REQUESTS',
        team_id: 'T0MAAS',
        response_url: 'http://127.0.0.1:9/response',
        trigger_id: '1.2.cold',
      }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    }),
  // What the reconciler's `rate(1 minute)` schedule sends the worker.
  reconcile: () => ({ kind: 'reconcile' }),
};

const [bundle, kind] = process.argv.slice(2);
const event = EVENTS[kind ?? '']?.();
if (!bundle || !event)
  throw new Error('usage: probe.mjs <bundle.mjs> <url_verification|healthz|help|reconcile>');
const started = performance.now();
const module = (await import(pathToFileURL(bundle).href)) as { handler: Handler };
const imported = performance.now();
const answer = await module.handler(event, { awsRequestId: 'cold-start', functionName: 'probe' });
const finished = performance.now();
process.stdout.write(
  `PROBE ${JSON.stringify({
    importMs: imported - started,
    invokeMs: finished - imported,
    status: answer?.statusCode ?? null,
    body: answer?.body?.slice(0, 200) ?? null,
  })}\n`,
  // Lambda freezes the process after the answer; here, leave without waiting for timers or sockets (the bare Bolt
  // app starts an auth.test at construction and retries it; ours learns the bot's ids the same way).
  () => process.exit(0),
);
