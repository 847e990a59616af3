import { vi } from 'vitest';

/**
 * Runs `work` with `Date` held still for this whole test process (the servers in it included; timers keep
 * running). For checks made to the second against the clock, such as Slack's 5-minute signature window: a
 * request signed "5 min 1 s ahead" is still exactly that when the bot reads it, however long the machine takes.
 */
export async function withDateHeld<T>(work: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
  try {
    return await work();
  } finally {
    vi.useRealTimers();
  }
}
