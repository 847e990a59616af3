import { vi } from 'vitest';

/**
 * Runs `work` with `Date` held still for this whole test process (the servers in it included; timers keep
 * running). For checks made to the second against the clock, such as Slack's 5-minute signature window: a
 * request signed "5 min 1 s ahead" is still exactly that when the bot reads it, however long the machine takes.
 * Only code that looks the time up when it needs it is held: a `Date.now` kept from before keeps running, so give
 * a server under test a clock that calls `Date.now()` each time.
 */
export async function withDateHeld<T>(work: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
  try {
    return await work();
  } finally {
    vi.useRealTimers();
  }
}

/**
 * The wall clock, moved on by the test at will: time passes as usual, and jumps forward when the test says so
 * (`skip`). Give `now` to a stack (`useStack({ now })`) whose windows (an approval's TTL, the force-delete window)
 * must not open before the test has set everything up, however slow the machine: the schedule is due only once the
 * test skips past it.
 */
export function movableClock(): { now: () => Date; skip(ms: number): void } {
  let skipped = 0;
  return {
    now: () => new Date(Date.now() + skipped),
    skip: (ms) => {
      skipped += ms;
    },
  };
}

/**
 * A clock in epoch milliseconds that runs with the wall clock until the test holds it, and jumps on to the wall
 * clock when released. For the Palette simulator (`paletteSimulator: { now }`, `startWorld({ now })`), whose
 * clusters move on their own clock: held, a cluster stays in the state the test must catch it in (provisioning,
 * say) however slow the machine, until the test has set up what comes next.
 */
export function holdableClock(): { now: () => number; hold(): void; release(): void } {
  let heldAt: number | undefined;
  return {
    now: () => heldAt ?? Date.now(),
    hold: () => {
      heldAt = Date.now();
    },
    release: () => {
      heldAt = undefined;
    },
  };
}
