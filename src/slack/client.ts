import type { Logger } from '@aws-lambda-powertools/logger';
import { type FetchFunction, WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../config';
import type { Metrics } from '../metrics/port';
import { fetchWithinLimits, webApiMethod, workspaceLimiter } from './limiter';
import { slackLogger } from './logger';

/** Time budgets for Slack calls: inside Slack's 3-second window (HTTP listeners) or a worker job. */
export const SLACK_BUDGET_MS = { listener: 2_000, worker: 20_000 } as const;

/** Told of every 429 Slack answers, with the Web API method (`chat.postMessage`) it answered. */
export type RateLimitHook = (method: string) => void;

/**
 * A fetch that lets the WebClient wait out a 429 only when Slack's Retry-After fits in the budget; a longer wait
 * becomes Slack's own `ratelimited` error at once, so a Lambda is never held past its time by a rate limit. Every
 * 429 is reported to `onRateLimited` first.
 */
export function fetchWithinBudget(
  budgetMs: number,
  onRateLimited: RateLimitHook,
  fetchFn: FetchFunction = fetch,
): FetchFunction {
  return async (url, init) => {
    const response = await fetchFn(url, init);
    if (response.status !== 429) return response;
    onRateLimited(webApiMethod(url));
    const retryAfter = Number(response.headers.get('retry-after'));
    if (Number.isFinite(retryAfter) && retryAfter * 1000 <= budgetMs) return response;
    await response.arrayBuffer();
    return Response.json(
      { ok: false, error: 'ratelimited' },
      { headers: { 'retry-after': String(retryAfter) } },
    );
  };
}

/**
 * WebClient options shared by the worker's client and Bolt's: Slack's API base from `SLACK_API_URL`, a per-call
 * timeout, Slack's rate limits kept by design (src/slack/limits.ts: one limiter per workspace in the process,
 * edits of a message coalesced), and retries (network errors, 5xx, 429 after Retry-After) that give up once `budgetMs` has passed.
 * Every 429 is counted (`SlackRateLimited`, by method).
 */
export function slackClientOptions(
  config: Config,
  logger: Logger,
  budgetMs: number,
  metrics: Metrics,
): WebClientOptions {
  const timeoutMs = Math.min(budgetMs, 10_000);
  // The per-call timeout runs from before the limiter's wait: a call waits for its slot at most 80% of it.
  const maxSlotWaitMs = timeoutMs * 0.8;
  return {
    slackApiUrl: config.slack.apiUrl,
    logger: slackLogger(logger),
    timeout: timeoutMs,
    rejectRateLimitedCalls: false,
    fetch: fetchWithinBudget(
      budgetMs,
      (method) => metrics.add('SlackRateLimited', 1, { method }),
      fetchWithinLimits(workspaceLimiter(config.slack), maxSlotWaitMs, fetch),
    ),
    retryConfig: {
      retries: 3,
      factor: 2,
      minTimeout: 200,
      maxTimeout: 2_000,
      randomize: true,
      maxRetryTime: budgetMs,
    },
  };
}

/** The bot's Web API client for jobs and the worker (Bolt builds its own from the same options). */
export function createSlackWebClient(
  config: Config,
  logger: Logger,
  budgetMs: number,
  metrics: Metrics,
): WebClient {
  return new WebClient(config.slack.botToken, slackClientOptions(config, logger, budgetMs, metrics));
}
