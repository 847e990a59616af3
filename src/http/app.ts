import type { Logger } from '@aws-lambda-powertools/logger';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Metrics } from '../metrics/port';
import { slackSignature, type VerifiedBodyEnv } from './verify';

/**
 * Largest Slack request accepted. Slack's payloads stay well under it: the biggest is a view_submission carrying
 * its whole modal — at most 100 blocks with texts of at most 3,000 characters (~300 KB of JSON), which form
 * encoding can inflate to under 1 MB. Anything larger is not from Slack; refusing it at 1 MiB, before it is read
 * in full, bounds memory and HMAC work per request well inside Lambda's 6 MB payload limit.
 */
export const SLACK_BODY_LIMIT_BYTES = 1024 * 1024;

/** Handles one verified Slack request (the Bolt receiver): its raw body, as verified, and its headers. */
export interface SlackRequestHandler {
  handleVerified(rawBody: string, headers: Headers): Promise<Response>;
}

/** What the HTTP app needs. */
export interface HttpAppOptions {
  signingSecret: string;
  receiver: SlackRequestHandler;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Milliseconds since the epoch, for the signature window. */
  now?: () => number;
  /** Counts the requests refused before the receiver sees them (too large, bad signature). */
  metrics: Metrics;
}

/**
 * Refuses a body over `maxSize` bytes. Slack always sends `Content-Length`, so the check is on that header and
 * never touches the body stream (on Node, reading `c.req.raw.body` would turn the request into a full web Request
 * with a web stream, the costliest step of the ack path). Only a body without a length (chunked) goes through
 * Hono's `bodyLimit`, which counts it as it arrives and stops at the limit.
 */
function sizeLimit(maxSize: number, onError: (c: Context) => Response): MiddlewareHandler {
  const streamed = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length < 0 || length > maxSize) return onError(c);
    await next();
  };
}

/**
 * The one HTTP app, for `@hono/node-server` and `hono/aws-lambda` alike: `POST /slack/events` (size limit →
 * signature on the raw body → Bolt) and `GET /healthz`.
 */
export function createHttpApp(options: HttpAppOptions): Hono<VerifiedBodyEnv> {
  const { logger, metrics } = options;
  const refused = () => metrics.add('SlackRequests', 1, { kind: 'unverified', outcome: 'refused' });
  const app = new Hono<VerifiedBodyEnv>();
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.post(
    '/slack/events',
    sizeLimit(SLACK_BODY_LIMIT_BYTES, (c) => {
      logger.warn('Slack request refused: body too large');
      refused();
      return c.text('Request body too large.', 413);
    }),
    slackSignature({
      signingSecret: options.signingSecret,
      ...(options.now ? { now: options.now } : {}),
      onRefused: (reason) => {
        logger.warn('Slack request refused: bad signature', { reason });
        refused();
      },
    }),
    // The body already read and verified goes on as it is: no second Request, no second read.
    (c) => options.receiver.handleVerified(c.get('rawBody'), c.req.raw.headers),
  );
  app.onError((error, c) => {
    logger.error('Unexpected error answering an HTTP request', { error: error.message });
    return c.text('Something went wrong.', 500);
  });
  return app;
}
