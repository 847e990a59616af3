import type { Logger } from '@aws-lambda-powertools/logger';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { SlackOutcome } from '../metrics/catalog';
import type { Metrics } from '../metrics/port';
import { fallbackAnswer } from './fallback';
import { parseSlackBody } from './parse';

/** Slack waits 3 s for an answer; the guard answers a little before, leaving time for the network. */
export const DEFAULT_ACK_TIMEOUT_MS = 2_500;

/** Options of the Hono receiver. */
export interface HonoReceiverOptions {
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /**
   * How long the listener may run before the request is answered anyway. Infinity: no guard, the answer waits for
   * the listener (tests that are not about the guard: a busy machine must not change what they see).
   */
  ackTimeoutMs?: number;
  /** Counts requests by kind and outcome, and times each answer. */
  metrics: Metrics;
}

/** `ack()` called twice for one request (Bolt's own error has the same meaning; a plain one keeps imports lean). */
export class MultipleAckError extends Error {
  constructor() {
    super('ack() was called more than once for one request.');
    this.name = 'MultipleAckError';
  }
}

type Outcome = 'finished' | 'failed' | 'timed-out';

/** An answer to Slack, and what it was for the metrics. */
interface Answered {
  response: Response;
  kind: string;
  outcome: SlackOutcome;
}

/** Payload types Slack sends the bot; anything else is counted as `other`, so the metric's values stay few. */
const REQUEST_KINDS = new Set([
  'block_actions',
  'block_suggestion',
  'view_submission',
  'view_closed',
  'shortcut',
  'message_action',
  'url_verification',
]);

/** What kind of Slack request a body is, for the metrics: `command`, `event`, or the interactivity type. */
function requestKind(body: Record<string, unknown>): string {
  if (typeof body.command === 'string') return 'command';
  if (body.type === 'event_callback') return 'event';
  return typeof body.type === 'string' && REQUEST_KINDS.has(body.type) ? body.type : 'other';
}

function answer(stored: unknown): Response {
  if (stored === undefined || stored === null || stored === '') return new Response(null, { status: 200 });
  if (typeof stored === 'string')
    return new Response(stored, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return Response.json(stored, { status: 200 });
}

function retryHeaders(headers: Headers): Pick<ReceiverEvent, 'retryNum' | 'retryReason'> {
  const num = headers.get('x-slack-retry-num');
  const reason = headers.get('x-slack-retry-reason');
  const retryNum = num === null ? undefined : Number.parseInt(num, 10);
  return {
    ...(retryNum !== undefined && Number.isFinite(retryNum) ? { retryNum } : {}),
    ...(reason !== null ? { retryReason: reason } : {}),
  };
}

/**
 * A Bolt `Receiver` for web-standard requests (Hono on Node and on Lambda). The request must already be verified
 * (see `slackSignature`). It works like Bolt's receivers with `processBeforeResponse: true`: the listener runs to
 * its end and only then is the request answered with what `ack()` got, because on Lambda nothing runs after the
 * response.
 *
 * - A listener error (reported through `app.error`), a missing ack or the ack timeout never becomes a 5xx: Slack
 *   gets a 200 with `fallbackAnswer`, so people see a kind message instead of Slack's generic failure.
 * - Events API retries (`X-Slack-Retry-Num`) are answered 200 at once and never dispatched: the first delivery
 *   ran (or is still running) to its end, and every event the bot handles is safe to miss once — interactivity
 *   and commands are never retried by Slack, and effects are guarded by the store's conditional writes and
 *   `claimOnce`, so even a duplicate that got through would change nothing.
 */
export class HonoBoltReceiver implements Receiver {
  private app: App | undefined;
  private readonly ackTimeoutMs: number;

  constructor(private readonly options: HonoReceiverOptions) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
  }

  /** Called by Bolt's App constructor. */
  init(app: App): void {
    this.app = app;
  }

  /** Nothing to start: the HTTP server (Node or Lambda) belongs to the Hono app. */
  async start(): Promise<void> {}

  /** Nothing to stop, for the same reason. */
  async stop(): Promise<void> {}

  /**
   * Turns a Slack request, its body already read and verified by the HTTP app, into a Bolt event, runs it, and
   * answers with what the listener acked. Counts the request (kind, outcome) and times the answer.
   */
  async handleVerified(rawBody: string, headers: Headers): Promise<Response> {
    const startedAt = performance.now();
    const { response, kind, outcome } = await this.answerVerified(rawBody, headers);
    const { metrics } = this.options;
    metrics.add('SlackRequests', 1, { kind, outcome });
    metrics.add('SlackAckLatency', performance.now() - startedAt, { kind });
    return response;
  }

  private async answerVerified(rawBody: string, headers: Headers): Promise<Answered> {
    const parsed = parseSlackBody(rawBody, headers.get('content-type'));
    if (parsed.kind === 'ssl_check') return { response: answer(undefined), kind: 'ssl_check', outcome: 'ok' };
    if (parsed.kind === 'malformed') {
      this.options.logger.warn('Malformed Slack request body', { problem: parsed.problem });
      return {
        response: new Response('Malformed request body.', { status: 400 }),
        kind: 'unknown',
        outcome: 'malformed',
      };
    }
    const { body } = parsed;
    const kind = requestKind(body);
    if (body.type === 'url_verification')
      return { response: Response.json({ challenge: body.challenge }), kind, outcome: 'ok' };
    const retry = retryHeaders(headers);
    if (body.type === 'event_callback' && retry.retryNum !== undefined) {
      this.options.logger.info('Slack event retry answered without dispatch', {
        eventId: body.event_id,
        ...retry,
      });
      return { response: answer(undefined), kind, outcome: 'ok' };
    }
    return { kind, ...(await this.dispatch(body, retry)) };
  }

  /**
   * Runs the listeners; the outcome says what the person got: the listener's answer (`ok`), the fallback after a
   * failure or no ack (`failed`), or whatever was acked when the guard fired (`timeout`).
   */
  private async dispatch(
    body: Record<string, unknown>,
    retry: Pick<ReceiverEvent, 'retryNum' | 'retryReason'>,
  ): Promise<Omit<Answered, 'kind'>> {
    const app = this.app;
    if (!app)
      throw new Error('HonoBoltReceiver.handleVerified() called before a Bolt App was created with it.');
    let acked = false;
    let stored: unknown;
    const event: ReceiverEvent = {
      body,
      ...retry,
      ack: async (response?: unknown) => {
        if (acked) throw new MultipleAckError();
        acked = true;
        stored = response;
      },
    };
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<Outcome>((resolve) => {
      if (Number.isFinite(this.ackTimeoutMs))
        timer = setTimeout(() => resolve('timed-out'), this.ackTimeoutMs);
    });
    const processed = app.processEvent(event).then(
      (): Outcome => 'finished',
      (error: unknown): Outcome => {
        this.options.logger.error('A Slack listener failed', { error: errorSummary(error) });
        return 'failed';
      },
    );
    const outcome = await Promise.race([processed, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timed-out')
      this.options.logger.error('A Slack listener ran past the ack timeout; answering now', {
        acknowledged: acked,
        timeoutMs: this.ackTimeoutMs,
      });
    const counted: SlackOutcome =
      outcome === 'timed-out' ? 'timeout' : outcome === 'failed' || !acked ? 'failed' : 'ok';
    if (acked) return { response: answer(stored), outcome: counted };
    if (outcome === 'finished') this.options.logger.warn('No Slack listener acknowledged the request');
    return { response: answer(fallbackAnswer(body)), outcome: counted };
  }
}

/** An error's name, code and message (no stack, no request data) for logs. */
export function errorSummary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as Error & { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(code !== undefined ? { code } : {}) };
}
