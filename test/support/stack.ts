import { afterAll, beforeAll, expect } from 'vitest';
import type { Team } from '../../src/domain/team';
import { NO_TIME_LIMITS } from '../../src/local/slack/emulator';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../src/local/stack';
import type { Palette } from '../../src/palette/port';
import { scopeOfTeam } from '../../src/teams/scope';

/** How much shorter Slack's rate windows are in test stacks, alike in the workspace and in the bot's pacing. */
export const SLACK_TEST_WINDOW_SCALE = 0.02;

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
  afterAll(async () => {
    const refused = stack?.slack?.rateLimited() ?? {};
    await stack?.close();
    // Slack's limits are kept by design: any call the workspace refused for rate is a regression.
    expect(refused, "calls over Slack's rate limits (see src/slack/limits.ts)").toEqual({});
  });
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
    port: 0,
    reconcileIntervalMs: 0,
    schedulerTickMs: 50,
    jobRetryDelaysMs: [50, 100],
    slackTimeLimits: NO_TIME_LIMITS,
    // Slack's rate limits stay on: the bot paces itself by design, and a regression shows up as a 429. Their
    // windows are shrunk alike in the workspace and in the bot's pacing (a minute → 1.2 s), so a file's hundreds of
    // edits keep the limits without waiting whole minutes (the pacing itself: slack-limits.test.ts).
    slackRateLimits: { windowScale: SLACK_TEST_WINDOW_SCALE },
    ackTimeoutMs: Number.POSITIVE_INFINITY,
    ...rest,
    env: {
      ...(requiredApprovals ? { REQUIRED_APPROVALS: String(requiredApprovals) } : {}),
      ...rest.env,
    },
    paletteSimulator: { speed: 200, ...rest.paletteSimulator },
    configure: (config) => {
      const tuned = {
        ...config,
        pollIntervalSeconds: pollIntervalSeconds ?? 0.2,
        stallAfterSeconds: 30,
        policy: {
          approvalTtlSeconds: approvalTtlSeconds ?? config.policy.approvalTtlSeconds,
          forceDeleteAfterSeconds: forceDeleteAfterSeconds ?? 2,
        },
      };
      return rest.configure ? rest.configure(tuned) : tuned;
    },
  });
}

/** A team of the stack by name (default: its first, the implicit team of a stack without a teams file). */
export function teamOf(stack: LocalStack, name?: string): Team {
  const { list } = stack.deps.config.teams;
  const team = name === undefined ? list[0] : list.find((candidate) => candidate.name === name);
  if (!team) throw new Error(`The stack has no team named ${name}.`);
  return team;
}

/** The Palette client of a team of the stack (default: its first), in the team's project. */
export function teamPalette(stack: LocalStack, name?: string): Palette {
  return scopeOfTeam(stack.deps, teamOf(stack, name)).palette;
}
