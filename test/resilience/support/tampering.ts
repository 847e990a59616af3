import { signSlackBody } from '../../../src/http/verify';
import type { BaseRequest } from './bases';
import { nowSeconds, type RawRequest, signedPost } from './signed';

/** One way a request goes wrong on its way to the bot: forged, altered, stale, replayed or too large. */
export interface Tampering {
  name: string;
  apply(base: BaseRequest, secret: string): RawRequest;
}

/** A little over the app's 1 MiB limit. */
const OVERSIZE = 1024 * 1024 + 1;

const signed = (base: BaseRequest, secret: string, timestamp?: number) =>
  signedPost(secret, base.body, { contentType: base.contentType, ...(timestamp ? { timestamp } : {}) });

/** Replaces headers of a correctly signed request. */
const withHeaders = (request: RawRequest, headers: Record<string, string | undefined>): RawRequest => {
  const merged: Record<string, string> = { ...request.headers };
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  return { ...request, headers: merged };
};

const signature = (request: RawRequest) => request.headers['x-slack-signature']!;

/** Every tampering, each applied to every base request. */
export const TAMPERINGS: readonly Tampering[] = [
  {
    name: 'no Slack headers',
    apply: (base, secret) =>
      withHeaders(signed(base, secret), {
        'x-slack-signature': undefined,
        'x-slack-request-timestamp': undefined,
      }),
  },
  {
    name: 'no timestamp',
    apply: (base, secret) => withHeaders(signed(base, secret), { 'x-slack-request-timestamp': undefined }),
  },
  {
    name: 'no signature',
    apply: (base, secret) => withHeaders(signed(base, secret), { 'x-slack-signature': undefined }),
  },
  {
    name: 'empty signature',
    apply: (base, secret) => withHeaders(signed(base, secret), { 'x-slack-signature': '' }),
  },
  {
    name: 'another scheme (v1=)',
    apply: (base, secret) => {
      const request = signed(base, secret);
      return withHeaders(request, { 'x-slack-signature': signature(request).replace('v0=', 'v1=') });
    },
  },
  {
    name: 'signature cut short',
    apply: (base, secret) => {
      const request = signed(base, secret);
      return withHeaders(request, { 'x-slack-signature': signature(request).slice(0, -2) });
    },
  },
  {
    name: 'signature in upper case',
    apply: (base, secret) => {
      const request = signed(base, secret);
      return withHeaders(request, { 'x-slack-signature': `v0=${signature(request).slice(3).toUpperCase()}` });
    },
  },
  {
    name: 'one hex digit changed',
    apply: (base, secret) => {
      const request = signed(base, secret);
      const hex = signature(request);
      const last = hex.at(-1) === '0' ? '1' : '0';
      return withHeaders(request, { 'x-slack-signature': `${hex.slice(0, -1)}${last}` });
    },
  },
  { name: 'signed with another secret', apply: (base) => signed(base, 'not-the-signing-secret-0000') },
  { name: 'signed with the secret cut short', apply: (base, secret) => signed(base, secret.slice(0, -1)) },
  {
    name: 'body altered after signing (one character)',
    apply: (base, secret) => {
      const request = signed(base, secret);
      const body = base.body;
      const index = Math.floor(body.length / 2);
      const swapped = body[index] === 'a' ? 'b' : 'a';
      return { ...request, body: `${body.slice(0, index)}${swapped}${body.slice(index + 1)}` };
    },
  },
  {
    name: 'body with a field added after signing',
    apply: (base, secret) => ({ ...signed(base, secret), body: `${base.body}&user_id=U0ADMIN` }),
  },
  {
    name: 'body cut short after signing',
    apply: (base, secret) => ({ ...signed(base, secret), body: base.body.slice(0, -1) }),
  },
  {
    name: 'signature of an empty body',
    apply: (base, secret) => {
      const timestamp = String(nowSeconds());
      return withHeaders(signed(base, secret), {
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': signSlackBody(secret, timestamp, ''),
      });
    },
  },
  {
    name: 'timestamp moved by a second',
    apply: (base, secret) => {
      const request = signed(base, secret);
      const moved = String(Number(request.headers['x-slack-request-timestamp']) + 1);
      return withHeaders(request, { 'x-slack-request-timestamp': moved });
    },
  },
  { name: 'stale: signed 301 s ago', apply: (base, secret) => signed(base, secret, nowSeconds() - 301) },
  { name: 'stale: signed an hour ago', apply: (base, secret) => signed(base, secret, nowSeconds() - 3600) },
  // 302: the bot floors its own clock too, so a second boundary passed on the way turns 301 into an accepted 300.
  {
    name: 'from the future: more than 300 s ahead',
    apply: (base, secret) => signed(base, secret, nowSeconds() + 302),
  },
  {
    name: 'replayed: captured 10 min ago, sent again',
    apply: (base, secret) => signed(base, secret, nowSeconds() - 600),
  },
  {
    name: 'replayed with a fresh timestamp',
    apply: (base, secret) =>
      withHeaders(signed(base, secret, nowSeconds() - 600), {
        'x-slack-request-timestamp': String(nowSeconds()),
      }),
  },
  {
    name: 'timestamp not a number',
    apply: (base, secret) => withHeaders(signed(base, secret), { 'x-slack-request-timestamp': 'yesterday' }),
  },
  {
    name: 'negative timestamp',
    apply: (base, secret) => {
      const request = signed(base, secret);
      return withHeaders(request, {
        'x-slack-request-timestamp': `-${request.headers['x-slack-request-timestamp']}`,
      });
    },
  },
  {
    name: 'timestamp in milliseconds',
    apply: (base, secret) => {
      const timestamp = Date.now();
      return signed(base, secret, timestamp);
    },
  },
  {
    name: 'oversized (1 MiB + 1), correctly signed',
    apply: (base, secret) => {
      const padded = `${base.body}${base.contentType.includes('json') ? ' ' : '&'}${'x'.repeat(OVERSIZE)}`;
      return signedPost(secret, padded, { contentType: base.contentType });
    },
  },
  {
    name: 'oversized and chunked (no Content-Length)',
    // Sent in chunks with no Content-Length (the size is only known while reading), and never ended.
    apply: (base, secret) => ({ ...signed(base, secret), body: { chunkedBytes: OVERSIZE } }),
  },
  {
    name: 'GET instead of POST',
    apply: (base, secret) => {
      const { body: _body, ...request } = signed(base, secret);
      return { ...request, method: 'GET' };
    },
  },
  { name: 'another path', apply: (base, secret) => ({ ...signed(base, secret), path: '/slack/event' }) },
];

/** Correctly signed bodies that are not Slack requests at all: unreadable, or readable but not Slack's shape. */
export function malformedSigned(secret: string): { name: string; request: RawRequest }[] {
  const bodies: [string, string, string][] = [
    ['payload that is not JSON', 'payload=%7Bnot%20json', 'application/x-www-form-urlencoded'],
    [
      'payload cut in half',
      `payload=${encodeURIComponent('{"type":"block_actions","actions":[{"action_id"')}`,
      'application/x-www-form-urlencoded',
    ],
    [
      'payload that is a JSON array',
      `payload=${encodeURIComponent('[1,2,3]')}`,
      'application/x-www-form-urlencoded',
    ],
    [
      'payload that is a JSON string',
      `payload=${encodeURIComponent('"block_actions"')}`,
      'application/x-www-form-urlencoded',
    ],
    ['payload that is null', 'payload=null', 'application/x-www-form-urlencoded'],
    ['JSON body that is an array', '[{"type":"event_callback"}]', 'application/json'],
    ['JSON body cut short', '{"type":"event_callback","event":{"type":"app_home_opened"', 'application/json'],
    ['JSON body that is a number', '42', 'application/json'],
    ['text/plain body', 'command=/maas&text=help', 'text/plain'],
    ['no content type, form body', 'command=/maas&text=help', ''],
    ['binary garbage as JSON', '\u0000\u0001\u0002\uFFFD', 'application/json'],
    ['empty JSON body', '', 'application/json'],
    ['empty form body', '', 'application/x-www-form-urlencoded'],
    [
      'form with neither a command nor a payload',
      'text=help&user_id=U0REQUESTER',
      'application/x-www-form-urlencoded',
    ],
    [
      'form with an empty command',
      'command=&text=help&user_id=U0REQUESTER',
      'application/x-www-form-urlencoded',
    ],
    [
      'payload without a type',
      `payload=${encodeURIComponent('{"actions":[{"action_id":"approve"}]}')}`,
      'application/x-www-form-urlencoded',
    ],
    ['empty JSON object', '{}', 'application/json'],
    [
      'JSON object without a type',
      '{"event":{"type":"app_home_opened","user":"U0REQUESTER"}}',
      'application/json',
    ],
    ['JSON whose type is not a string', '{"type":42,"event":{"type":"app_home_opened"}}', 'application/json'],
  ];
  return bodies.map(([name, body, contentType]) => ({
    name,
    request: signedPost(secret, body, { contentType }),
  }));
}
