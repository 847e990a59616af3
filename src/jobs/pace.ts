import { setTimeout as sleep } from 'node:timers/promises';

/** Runs `work` over `items` with at most `limit` at once; resolves when all are done. */
export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

/** The clock a pacer reads and waits on (tests pass their own). */
export interface PaceTiming {
  now: () => number;
  wait: (ms: number) => Promise<unknown>;
}

/** Spaces callers to at most `perSecond` per second: each awaits its own slot, in call order. */
export function pacer(
  perSecond: number,
  timing: PaceTiming = { now: Date.now, wait: (ms) => sleep(ms) },
): () => Promise<void> {
  const gapMs = 1000 / perSecond;
  let nextSlot = 0;
  return async () => {
    const now = timing.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + gapMs;
    if (slot > now) await timing.wait(slot - now);
  };
}
