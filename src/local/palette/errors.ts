import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Palette's error body (`v1Error`). */
export interface V1Error {
  code: string;
  message: string;
  details: Record<string, unknown>;
  ref: string;
}

/** A refusal from the simulator's model, turned into a v1Error response by the routes. */
export interface Refusal {
  status: ContentfulStatusCode;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** A v1Error body; `ref` is a fresh reference, as Palette gives one per failed request. */
export function v1Error(code: string, message: string, details: Record<string, unknown> = {}): V1Error {
  return { code, message, details, ref: randomBytes(8).toString('hex') };
}

/** Answers a refusal with its v1Error body. */
export function refuse(c: Context, refusal: Refusal): Response {
  return c.json(v1Error(refusal.code, refusal.message, refusal.details), refusal.status);
}

/** The 404 Palette answers for an object that does not exist (or no longer does). */
export function notFound(kind: string, uid: string): Refusal {
  return { status: 404, code: 'ResourceNotFound', message: `${kind} '${uid}' not found` };
}

/** The v1Error code Palette uses for a status, for answers injected without a body. */
export function codeForStatus(status: number): string {
  const codes: Record<number, string> = {
    400: 'InvalidRequest',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'ResourceNotFound',
    409: 'Conflict',
    429: 'TooManyRequests',
    500: 'InternalError',
    502: 'BadGateway',
    503: 'ServiceUnavailable',
    504: 'GatewayTimeout',
  };
  return codes[status] ?? 'Error';
}
