import { describe, expect, it } from 'vitest';
import { validSpec } from '../../test/support/fixtures';
import type { Progress } from '../domain/cluster';
import type { ClusterEvent } from '../palette/port';
import { matchPools, progressChanged, rememberEvents, SEEN_EVENTS_LIMIT, unseenEvents } from './progress';

const event = (uid: string): ClusterEvent => ({
  uid,
  at: '2030-01-01T12:00:00Z',
  severity: 'Info',
  reason: 'R',
  message: 'm',
});

describe('matchPools', () => {
  const spec = validSpec({
    workerPools: [
      { ...validSpec().workerPools[0]!, name: 'gpu' },
      { ...validSpec().workerPools[0]!, name: 'cpu' },
    ],
  });

  it("names Palette's unnamed pools after the spec: control plane first, workers in create order", () => {
    const pools = matchPools(spec, [
      { isControlPlane: true, desired: 3, ready: 1 },
      { isControlPlane: false, desired: 2, ready: 0 },
      { isControlPlane: false, desired: 4, ready: 4 },
    ]);
    expect(pools).toEqual([
      { name: 'control-plane-pool', ready: 1, desired: 3 },
      { name: 'gpu', ready: 0, desired: 2 },
      { name: 'cpu', ready: 4, desired: 4 },
    ]);
  });

  it('keeps a name Palette gives and numbers a pool the spec does not know', () => {
    const pools = matchPools(spec, [
      { isControlPlane: false, desired: 1, ready: 1, name: 'named' },
      { isControlPlane: false, desired: 1, ready: 0 },
      { isControlPlane: false, desired: 1, ready: 0 },
    ]);
    expect(pools.map((pool) => pool.name)).toEqual(['named', 'cpu', 'pool 3']);
  });
});

describe('events to post', () => {
  it('are the unseen ones, oldest first (Palette lists newest first)', () => {
    expect(unseenEvents([event('c'), event('b'), event('a')], ['a']).map((e) => e.uid)).toEqual(['b', 'c']);
  });

  it('are remembered once posted, the newest kept within the bound', () => {
    const seen = Array.from({ length: SEEN_EVENTS_LIMIT }, (_, index) => `old-${index}`);
    const remembered = rememberEvents(seen, [event('new')]);
    expect(remembered).toHaveLength(SEEN_EVENTS_LIMIT);
    expect(remembered.at(-1)).toBe('new');
    expect(remembered[0]).toBe('old-1');
  });
});

describe('progressChanged', () => {
  const before: Progress = {
    revision: 3,
    paletteState: 'Provisioning',
    health: 'Unknown',
    pools: [{ name: 'a', ready: 1, desired: 3 }],
    seenEventUids: [],
  };

  it('is false when state, health and every pool are the same', () => {
    expect(progressChanged(before, { ...before, pools: [{ name: 'a', ready: 1, desired: 3 }] })).toBe(false);
  });

  it.each([
    ['state', { paletteState: 'Running' }],
    ['health', { health: 'Healthy' }],
    ['ready nodes', { pools: [{ name: 'a', ready: 2, desired: 3 }] }],
    ['a new pool', { pools: [...before.pools, { name: 'b', ready: 0, desired: 1 }] }],
  ])('is true when the %s changed', (_what, change) => {
    expect(progressChanged(before, { ...before, ...change })).toBe(true);
  });

  it('is true for the first reading', () => {
    expect(progressChanged(undefined, before)).toBe(true);
  });
});
