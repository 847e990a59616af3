import { describe, expect, it } from 'vitest';
import { retryingOnce } from './once';

describe('retryingOnce', () => {
  it('shares one build between calls, and builds again only after a failure', async () => {
    let builds = 0;
    const get = retryingOnce(async () => {
      builds++;
      if (builds === 1) throw new Error('SSM unreachable');
      return { build: builds };
    });
    const failed = await Promise.allSettled([get(), get()]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(builds).toBe(1);
    const [first, second] = await Promise.all([get(), get()]);
    expect(first).toEqual({ build: 2 });
    expect(second).toBe(first);
    expect(await get()).toBe(first);
    expect(builds).toBe(2);
  });
});
