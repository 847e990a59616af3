import { afterAll, beforeAll } from 'vitest';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../src/local/stack';

/** Options for a test stack: a fast Palette, quick polls and schedules, short windows. */
export interface TestStackOptions extends LocalStackOptions {
  /** Seconds a deletion must last before force delete is offered (tests use a short window). */
  forceDeleteAfterSeconds?: number;
  /** Seconds between status polls. */
  pollIntervalSeconds?: number;
  approvalTtlSeconds?: number;
  requiredApprovals?: number;
  /** Print the audit lines (the log, as on Lambda); tests keep them out of the report unless they read them. */
  printAudit?: boolean;
}

/**
 * Starts the whole bot in this process for a test file (beforeAll/afterAll): dynalite, the Palette simulator at a
 * fast pace, the Slack emulator, the in-process worker and the local scheduler — real servers on loopback.
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
  const {
    forceDeleteAfterSeconds,
    pollIntervalSeconds,
    approvalTtlSeconds,
    requiredApprovals,
    printAudit,
    ...rest
  } = options;
  return startLocalStack({
    ...(printAudit ? {} : { audit: () => {} }),
    env: {},
    port: 0,
    reconcileIntervalMs: 0,
    schedulerTickMs: 50,
    jobRetryDelaysMs: [50, 100],
    paletteSimulator: { speed: 200 },
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
