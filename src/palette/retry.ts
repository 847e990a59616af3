import { type Dispatcher, interceptors, type RetryHandler } from 'undici';

/** How hard to retry: attempts after the first, and the backoff's bounds. */
export interface RetrySettings {
  maxRetries: number;
  minDelayMs: number;
  maxDelayMs: number;
  /** A number in [0, 1); injectable so tests can pin the jitter. */
  random: () => number;
}

/** Four retries, 250 ms doubling to at most 8 s, jittered: about 8 s of patience before giving up. */
export const DEFAULT_RETRY: RetrySettings = {
  maxRetries: 4,
  minDelayMs: 250,
  maxDelayMs: 8000,
  random: Math.random,
};

/**
 * "Try again later" answers. Never a plain 500: Palette answers 500 for its own bugs, which a repeat repeats.
 */
export const RETRY_STATUSES = [429, 502, 503, 504];

/** Connection failures worth a new attempt for requests that are safe to repeat. */
const TRANSIENT_ERRORS = [
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
];

/**
 * Which calls are safe to repeat. `repeatable`: reads, read-only POSTs (search, validate, rate), PUT and DELETE.
 * `create`: a POST that makes a cluster, repeated only when Palette surely did not act on it.
 */
export type RetryKind = 'repeatable' | 'create';

/**
 * Per-request retry options. A create is retried on 429 (rate limiter: refused before any work), on 503
 * (unavailable: not accepted) and on a refused connection (never sent); never on 502/504, a reset or a timeout,
 * where Palette may already have created the cluster (the worker then recovers it by name).
 */
export function retryOptionsFor(kind: RetryKind, method: Dispatcher.HttpMethod): RetryHandler.RetryOptions {
  return kind === 'create'
    ? { methods: [method], statusCodes: [429, 503], errorCodes: ['ECONNREFUSED'] }
    : { methods: [method], statusCodes: RETRY_STATUSES, errorCodes: TRANSIENT_ERRORS };
}

/** Equal-jitter exponential backoff for the n-th retry (1-based): half the step fixed, half random. */
export function backoffDelay(attempt: number, settings: RetrySettings): number {
  const step = Math.min(settings.maxDelayMs, settings.minDelayMs * 2 ** (attempt - 1));
  return step / 2 + (settings.random() * step) / 2;
}

/** What undici's retry handler tells the decision about a failed attempt. */
interface FailedAttempt {
  statusCode?: number;
  code?: string;
  headers?: Record<string, string | string[] | undefined>;
}

/** A Retry-After in seconds, when the server sent one (Palette documents none; proxies may). */
function retryAfterMs(headers: FailedAttempt['headers']): number | undefined {
  const value = Number(headers?.['retry-after']);
  return Number.isFinite(value) && value > 0 ? value * 1000 : undefined;
}

/** Whether this failed attempt may be retried under the request's retry options. */
export function mayRetry(
  failure: FailedAttempt,
  method: string,
  attempt: number,
  options: RetryHandler.RetryOptions,
  maxRetries: number,
): boolean {
  if (attempt > maxRetries) return false;
  if (!options.methods?.includes(method as Dispatcher.HttpMethod)) return false;
  if (failure.statusCode !== undefined) return options.statusCodes?.includes(failure.statusCode) ?? false;
  return failure.code !== undefined && (options.errorCodes?.includes(failure.code) ?? false);
}

/** One attempt that failed (an answer of 300 or more, or no answer), and whether it is sent again. */
export interface FailedAttemptReport {
  /** The request path, as sent (base path and query included). */
  path: string;
  /** The answer's status; undefined when there was none (a connection failure). */
  statusCode?: number;
  retrying: boolean;
}

/**
 * undici's own retry interceptor (RetryHandler), deciding with `mayRetry` and waiting with jittered backoff.
 * `throwOnError: false` hands the last answer (e.g. Palette's 429 v1Error body) to the caller when retries end.
 * Every failed attempt is reported to `onFailedAttempt` (undici asks the decision for each one, the last too).
 */
export function retryInterceptor(
  settings: RetrySettings,
  onFailedAttempt: (report: FailedAttemptReport) => void,
): Dispatcher.DispatcherComposeInterceptor {
  return interceptors.retry({
    throwOnError: false,
    retry(error, { state, opts }, callback) {
      const failure = error as FailedAttempt;
      const options = opts.retryOptions ?? {};
      const retrying = mayRetry(failure, opts.method, state.counter, options, settings.maxRetries);
      onFailedAttempt({
        path: opts.path,
        ...(failure.statusCode === undefined ? {} : { statusCode: failure.statusCode }),
        retrying,
      });
      if (!retrying) {
        callback(error);
        return;
      }
      const delay = Math.min(
        settings.maxDelayMs,
        retryAfterMs(failure.headers) ?? backoffDelay(state.counter, settings),
      );
      setTimeout(() => callback(null), delay);
    },
  });
}
