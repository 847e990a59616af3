import { SLACK_BODY_LIMIT_BYTES } from '../../../src/http/app';
import { signSlackBody } from '../../../src/http/verify';
import { postOversized } from '../../support/oversized';

/** A request as it travels: method, path, headers and body (a string, or so many bytes of a chunked body). */
export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | { chunkedBytes: number };
}

/** What came back. */
export interface RawAnswer {
  status: number;
  text: string;
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

/** Seconds since the epoch, now. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A POST to /slack/events signed as Slack signs it (now, unless told otherwise). */
export function signedPost(
  secret: string,
  body: string,
  options: { contentType?: string; timestamp?: number } = {},
): RawRequest {
  const timestamp = String(options.timestamp ?? nowSeconds());
  return {
    method: 'POST',
    path: '/slack/events',
    headers: {
      'content-type': options.contentType ?? FORM,
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signSlackBody(secret, timestamp, body),
    },
    body,
  };
}

/**
 * Sends a request to the bot at `baseUrl` and reads the whole answer. A POST over the bot's size limit goes through
 * `postOversized` (test/support/oversized.ts), the one way its 413 cannot be lost in a race with the server's close.
 */
export async function send(baseUrl: string, request: RawRequest): Promise<RawAnswer> {
  const { body } = request;
  const url = `${baseUrl}${request.path}`;
  if (typeof body === 'object') return postOversized(url, request.headers, body);
  if (body !== undefined && Buffer.byteLength(body) > SLACK_BODY_LIMIT_BYTES)
    return postOversized(url, request.headers, { declaredBytes: Buffer.byteLength(body) });
  const response = await fetch(url, {
    method: request.method,
    headers: request.headers,
    ...(body !== undefined ? { body } : {}),
  });
  return { status: response.status, text: await response.text() };
}

/** An interaction payload as Slack posts it: form-encoded, in the `payload` field. */
export const payloadBody = (payload: object) =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
