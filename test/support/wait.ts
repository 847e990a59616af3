import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How tests wait (see README, "Developing"): on the event itself, never on the clock, and with no deadline of their
 * own — the test's timeout is the one deadline, so a busy machine makes a test slower, never red.
 *
 * - Slack (a thread message, a card update, a modal, a Web API call): `slack.waitFor(predicate)` on the emulator.
 * - Jobs dispatched by what the test did: `stack.idle()`.
 * - A child process: `printed(pattern)` (test/integration/playground.support.ts).
 * - State with no event to subscribe to (a store record, the Palette simulator's clock, a counter): `until`.
 */

/** A wait in progress: what it waits for, and how to stop it when its test has ended. */
interface PendingWait {
  what: string;
  stop(): void;
}

const pending = new Set<PendingWait>();

/** How often `until` looks again, at least (a check that takes long waits four times as long as it took). */
const EVERY_MS = 10;

/**
 * Resolves with `check`'s first answer other than undefined, asking again every few milliseconds. If the test
 * fails while this waits (its timeout, say), the setup file prints `what` and the polling stops.
 */
export async function until<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
): Promise<T> {
  let stopped = false;
  const wait: PendingWait = { what, stop: () => (stopped = true) };
  pending.add(wait);
  try {
    while (!stopped) {
      const started = performance.now();
      const answer = await check();
      if (answer !== undefined) return answer;
      // A costly check (many store reads) takes at most a fifth of the time: the rest is for the work it waits on.
      await sleep(Math.max(EVERY_MS, 4 * (performance.now() - started)));
    }
  } finally {
    pending.delete(wait);
  }
  // The test is over: nobody reads this answer any more.
  return new Promise<never>(() => {});
}

/**
 * Called after each test (test/support/setup.ts): stops the waits still polling and returns what they were
 * waiting for, so a failed test says what never came.
 */
export function abandonWaits(): string[] {
  const left = [...pending];
  pending.clear();
  for (const wait of left) wait.stop();
  return left.map((wait) => wait.what);
}
