import { signSlackBody } from '../../../src/http/verify';

/** A request as it travels: method, path, headers and body (a string, or a stream for a chunked body). */
export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | ReadableStream<Uint8Array>;
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

/** Sends a request to the bot at `baseUrl` and reads the whole answer. */
export async function send(baseUrl: string, request: RawRequest): Promise<RawAnswer> {
  const streamed = typeof request.body === 'object';
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    // A stream body has no length: it goes chunked.
    ...(streamed ? { duplex: 'half' } : {}),
  } as RequestInit);
  return { status: response.status, text: await response.text() };
}

/** An interaction payload as Slack posts it: form-encoded, in the `payload` field. */
export const payloadBody = (payload: object) =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
