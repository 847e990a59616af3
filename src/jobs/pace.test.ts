import { describe, expect, it } from 'vitest';
import { forEachBounded, pacer } from './pace';

describe('forEachBounded', () => {
  it('does every item once and never more than the limit at a time', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachBounded([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      done.push(item);
      running--;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });

  it('finishes at once with nothing to do', async () => {
    let calls = 0;
    await forEachBounded([], 4, async () => {
      calls++;
    });
    expect(calls).toBe(0);
  });
});

describe('pacer', () => {
  it('spaces callers by 1/rate while the clock stands still, and lets one through at once when idle', async () => {
    let now = 1_000;
    const waits: number[] = [];
    const pace = pacer(50, { now: () => now, wait: async (ms) => waits.push(ms) });
    await Promise.all([pace(), pace(), pace()]);
    expect(waits).toEqual([20, 40]);
    now = 5_000;
    await pace();
    expect(waits).toEqual([20, 40]);
  });
});
