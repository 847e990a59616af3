import { afterAll, beforeAll } from 'vitest';
import { NO_TIME_LIMITS } from '../../src/local/slack/emulator';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../src/local/stack';

/** Options for a test stack: a fast Palette, quick polls and schedules, short windows. */
export interface TestStackOptions extends LocalStackOptions {
  /** Seconds a deletion must last before force delete is offered (tests use a short window). */
  forceDeleteAfterSeconds?: number;
  /** Seconds between status polls. */
  pollIntervalSeconds?: number;
  approvalTtlSeconds?: number;
  requiredApprovals?: number;
}

/**
 * Starts the whole bot in this process for a test file (beforeAll/afterAll): dynalite, the Palette simulator at a
 * fast pace, the Slack emulator, the in-process worker and the local scheduler — real servers on loopback.
 *
 * Slack's 3-second limits are off (the emulator's answer window and trigger ids, the bot's ack guard): a request's
 * answer comes when its listener has finished, so what a test reads right after a click or a command is what the
 * listener did, however busy the machine. How fast the bot answers is `npm run bench`'s business; tests about the
 * limits themselves pass `slackTimeLimits` / `ackTimeoutMs`.
 */
export function useStack(options: TestStackOptions = {}): () => LocalStack {
  let stack: LocalStack | undefined;
  beforeAll(async () => {
    stack = await startTestStack(options);
  });
  afterAll(() => stack?.close());
  return () => {
    if (!stack) throw new Error('useStack(): the stack starts in beforeAll; use it inside a test or hook.');
    return stack;
  };
}

/** Starts a test stack directly (for tests that restart it). */
export function startTestStack(options: TestStackOptions = {}): Promise<LocalStack> {
  const { forceDeleteAfterSeconds, pollIntervalSeconds, approvalTtlSeconds, requiredApprovals, ...rest } =
    options;
  return startLocalStack({
    env: {},
    port: 0,
    reconcileIntervalMs: 0,
    schedulerTickMs: 50,
    jobRetryDelaysMs: [50, 100],
    paletteSimulator: { speed: 200 },
    slackTimeLimits: NO_TIME_LIMITS,
    ackTimeoutMs: Number.POSITIVE_INFINITY,
    ...rest,
    configure: (config) => {
      const tuned = {
        ...config,
        pollIntervalSeconds: pollIntervalSeconds ?? 0.2,
        stallAfterSeconds: 30,
        policy: {
          requiredApprovals: requiredApprovals ?? config.policy.requiredApprovals,
          approvalTtlSeconds: approvalTtlSeconds ?? config.policy.approvalTtlSeconds,
          forceDeleteAfterSeconds: forceDeleteAfterSeconds ?? 2,
        },
      };
      return rest.configure ? rest.configure(tuned) : tuned;
    },
  });
}
