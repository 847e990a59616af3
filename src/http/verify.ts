import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { isSslCheck } from './parse';

/** Slack allows this much clock difference between its timestamp and ours (both directions). */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

const SIGNATURE = /^v0=([0-9a-f]{64})$/;
const TIMESTAMP = /^\d{1,12}$/;

/** Why a request failed verification; never says anything about the secret. */
export type VerifyFailure = 'missing-headers' | 'malformed-headers' | 'outside-window' | 'signature-mismatch';
export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

/** What verification needs: the raw body exactly as received, the two headers, and the time. */
export interface SignedRequest {
  rawBody: string;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  /** Milliseconds since the epoch. */
  now: number;
}

/** Slack's `v0` signature of a body: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}`. */
export function signSlackBody(signingSecret: string, timestamp: string | number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** Checks a request's Slack signature and timestamp (5-minute window) with a timing-safe compare. */
export function verifySlackSignature(signingSecret: string, request: SignedRequest): VerifyResult {
  const { timestamp, signature } = request;
  if (!timestamp || !signature) return { ok: false, reason: 'missing-headers' };
  const theirs = SIGNATURE.exec(signature)?.[1];
  if (!TIMESTAMP.test(timestamp) || theirs === undefined) return { ok: false, reason: 'malformed-headers' };
  const skew = Math.abs(Math.floor(request.now / 1000) - Number(timestamp));
  if (skew > SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: 'outside-window' };
  const ours = signSlackBody(signingSecret, timestamp, request.rawBody).slice(3);
  const matches = timingSafeEqual(Buffer.from(theirs, 'hex'), Buffer.from(ours, 'hex'));
  return matches ? { ok: true } : { ok: false, reason: 'signature-mismatch' };
}

/** Where the verified raw body is kept for the route (Hono context variable). */
export type VerifiedBodyEnv = { Variables: { rawBody: string } };

/** Options of the signature middleware. */
export interface SignatureMiddlewareOptions {
  signingSecret: string;
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
  /** Told why a request was refused (never the secret or the body). */
  onRefused?: (reason: VerifyFailure) => void;
}

/**
 * Hono middleware: verifies the Slack signature over the RAW body before anything parses it; a failure is a 401
 * with a short plain body and the route (so every listener) never runs. Slack's `ssl_check` pings are not signed
 * (as Bolt's own receivers accept): they pass through unverified and the receiver only answers them 200.
 */
export function slackSignature(options: SignatureMiddlewareOptions): MiddlewareHandler<VerifiedBodyEnv> {
  const now = options.now ?? Date.now;
  return async (c, next) => {
    const rawBody = await c.req.text();
    const result = verifySlackSignature(options.signingSecret, {
      rawBody,
      timestamp: c.req.header('x-slack-request-timestamp'),
      signature: c.req.header('x-slack-signature'),
      now: now(),
    });
    // Only a request that fails verification is looked into for the unsigned ssl_check: signed ones parse once.
    if (!result.ok && !isSslCheck(rawBody, c.req.header('content-type'))) {
      options.onRefused?.(result.reason);
      return c.text('Invalid Slack signature.', 401);
    }
    c.set('rawBody', rawBody);
    await next();
  };
}
