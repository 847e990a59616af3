import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `check` until it answers, for things that change in jobs and have no event to wait on (the store, the
 * Palette simulator); fails after `timeoutMs` with `what` in the message.
 */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await check();
    if (answer !== undefined) return answer;
    if (Date.now() > deadline) throw new Error(`Still waiting after ${timeoutMs} ms: ${what}.`);
    await sleep(50);
  }
}
