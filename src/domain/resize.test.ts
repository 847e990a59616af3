import { describe, expect, it } from 'vitest';
import { validSpec } from '../../test/support/fixtures';
import { checkResize, withPoolSize } from './resize';

describe('checkResize', () => {
  const spec = validSpec();

  it('allows a worker pool from 1 to the bound and tells the size it had', () => {
    expect(checkResize(spec, 'worker-pool', 5)).toEqual({ ok: true, from: 2, isControlPlane: false });
    expect(checkResize(spec, 'worker-pool', 200)).toMatchObject({ ok: true });
  });

  it('allows the control plane only 1, 3 or 5, with the domain message', () => {
    expect(checkResize(spec, 'control-plane-pool', 5)).toEqual({ ok: true, from: 3, isControlPlane: true });
    expect(checkResize(spec, 'control-plane-pool', 2)).toEqual({
      ok: false,
      message: 'The control plane has 1, 3 or 5 nodes (an odd number keeps etcd in quorum).',
    });
  });

  it('refuses a worker pool of 0 or over the bound', () => {
    expect(checkResize(spec, 'worker-pool', 0)).toEqual({
      ok: false,
      message: 'A worker pool has at least 1 node.',
    });
    expect(checkResize(spec, 'worker-pool', 201)).toMatchObject({ ok: false });
  });

  it('names the pools when the pool does not exist', () => {
    expect(checkResize(spec, 'gpu', 2)).toEqual({
      ok: false,
      message: '"team-a-dev" has no pool named that; its pools are `control-plane-pool`, `worker-pool`.',
    });
  });
});

describe('withPoolSize', () => {
  it('resizes exactly one pool and leaves the rest', () => {
    const spec = validSpec();
    const resized = withPoolSize(spec, 'worker-pool', 7);
    expect(resized.workerPools[0]!.size).toBe(7);
    expect(resized.controlPlane).toEqual(spec.controlPlane);
    expect(withPoolSize(spec, 'control-plane-pool', 5).controlPlane.size).toBe(5);
    expect(spec.workerPools[0]!.size).toBe(2);
  });
});
