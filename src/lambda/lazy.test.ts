import { describe, expect, it } from 'vitest';
import { lazyPort } from './lazy';

/** A port whose methods use `this`, as the adapters' classes do. */
class Counter {
  private total = 0;

  async add(amount: number): Promise<number> {
    this.total += amount;
    return this.total;
  }

  async fail(): Promise<never> {
    throw new Error('adapter error');
  }
}

describe('lazyPort', () => {
  it('builds nothing until a method is called: reading a method or awaiting the port does not build it', async () => {
    let builds = 0;
    const port = lazyPort(async () => {
      builds++;
      return new Counter();
    });
    const add = port.add;
    const awaited = await port;
    expect(awaited === port).toBe(true);
    expect(typeof add).toBe('function');
    expect(builds).toBe(0);
    expect(await add(2)).toBe(2);
    expect(builds).toBe(1);
  });

  it('builds once for every call, even concurrent first ones, and calls the adapter as its own method', async () => {
    let builds = 0;
    const port = lazyPort(async () => {
      builds++;
      return new Counter();
    });
    const totals = await Promise.all([port.add(1), port.add(2), port.add(3)]);
    expect(builds).toBe(1);
    expect(totals.sort()).toEqual([1, 3, 6]);
    await expect(port.fail()).rejects.toThrow('adapter error');
    expect(builds).toBe(1);
  });

  it('tries the build again on the next call after a failed one', async () => {
    let builds = 0;
    const port = lazyPort(async () => {
      builds++;
      if (builds === 1) throw new Error('SSM unreachable');
      return new Counter();
    });
    await expect(port.add(1)).rejects.toThrow('SSM unreachable');
    expect(await port.add(1)).toBe(1);
    expect(builds).toBe(2);
  });
});
