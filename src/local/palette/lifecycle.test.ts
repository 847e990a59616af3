import { describe, expect, it } from 'vitest';
import { PACE_SECONDS, paceAt } from './clock';
import { ClusterStore } from './cluster-store';
import { clusterEvents } from './events';
import { isGone, machinesAt, readyAt, resizePool, stateAt } from './lifecycle';
import type { ClusterRecord } from './model';
import { type SampleOptions, sampleClusterBody } from './samples';
import { STALL_LABEL, STICKY_DELETE_LABEL, seedCatalog } from './seed';

const catalog = seedCatalog();
const pace = paceAt(1);
const T0 = 1_000_000;
const at = (seconds: number) => T0 + seconds * 1000;

function created(options: SampleOptions = {}): { store: ClusterStore; cluster: ClusterRecord } {
  const store = new ClusterStore(catalog, pace);
  const outcome = store.create(sampleClusterBody(catalog, 'unit', options), catalog.accounts[0]!, T0);
  if (!outcome.ok) throw new Error(outcome.message);
  return { store, cluster: outcome.value };
}

describe('provisioning plan', () => {
  it('brings control-plane nodes up one by one, workers after the first, Running when the last is ready', () => {
    const { cluster } = created({ controlPlaneSize: 3, workers: 2 });
    const [controlPlane, workers] = cluster.pools;
    const start = at(PACE_SECONDS.pending);
    expect(controlPlane!.nodes.map((node) => node.createdAt)).toEqual(
      [0, 1, 2].map((i) => start + i * pace.controlPlaneNode),
    );
    expect(workers!.nodes[0]!.createdAt).toBe(start + pace.controlPlaneNode);
    const lastReady = Math.max(...cluster.pools.flatMap((pool) => pool.nodes.map((node) => node.readyAt)));
    expect(cluster.runningAt).toBe(lastReady + pace.settle);
    expect(stateAt(cluster, T0)).toBe('Pending');
    expect(stateAt(cluster, start)).toBe('Provisioning');
    expect(stateAt(cluster, cluster.runningAt - 1)).toBe('Provisioning');
    expect(stateAt(cluster, cluster.runningAt)).toBe('Running');
    expect(readyAt(controlPlane!, cluster.runningAt)).toBe(3);
  });

  it('scales every step by speed', () => {
    const fast = paceAt(100);
    expect(fast.pending).toBe((PACE_SECONDS.pending * 1000) / 100);
    const store = new ClusterStore(catalog, fast);
    const outcome = store.create(sampleClusterBody(catalog, 'fast'), catalog.accounts[0]!, T0);
    expect(outcome.ok && outcome.value.runningAt - T0).toBeLessThan(1000);
  });

  it('never finishes a stalled cluster', () => {
    const { cluster } = created({ labels: { [STALL_LABEL]: '' } });
    expect(cluster.runningAt).toBe(Number.POSITIVE_INFINITY);
    expect(stateAt(cluster, at(1e6))).toBe('Provisioning');
  });
});

describe('deletion', () => {
  it('releases machines (workers first), then Deleted, then gone', () => {
    const { store, cluster } = created({ workers: 2 });
    const t = cluster.runningAt + 1000;
    expect(store.delete(cluster.uid, false, t).ok).toBe(true);
    const [controlPlane, workers] = cluster.pools;
    expect(Math.max(...workers!.nodes.map((node) => node.deletingAt!))).toBeLessThan(
      controlPlane!.nodes[0]!.deletingAt!,
    );
    expect(stateAt(cluster, t)).toBe('Deleting');
    expect(cluster.deletion?.aborted).toBe(false);
    const deletedAt = cluster.deletion!.deletedAt;
    expect(stateAt(cluster, deletedAt)).toBe('Deleted');
    expect(isGone(cluster, deletedAt)).toBe(false);
    expect(isGone(cluster, deletedAt + pace.goneAfter)).toBe(true);
    expect(store.get(cluster.uid, deletedAt + pace.goneAfter)).toBeUndefined();
  });

  it('aborts while provisioning: machines not yet created never are', () => {
    const { store, cluster } = created({ controlPlaneSize: 3, workers: 2 });
    const t = at(PACE_SECONDS.pending + 1);
    store.delete(cluster.uid, false, t);
    expect(cluster.deletion?.aborted).toBe(true);
    expect(cluster.pools.flatMap((pool) => pool.nodes)).toHaveLength(1);
    expect(cluster.runningAt).toBe(Number.POSITIVE_INFINITY);
    expect(stateAt(cluster, at(1e4))).toBe('Deleted');
    const reasons = clusterEvents(cluster, at(1e4), pace).map((event) => event.reason);
    expect(reasons).toContain('ProvisioningAborted');
    expect(reasons).not.toContain('ClusterRunning');
  });

  it('keeps a sticky deletion Deleting until forced; forced leaves its machines allocated', () => {
    const { store, cluster } = created({ labels: { [STICKY_DELETE_LABEL]: '' } });
    const t = cluster.runningAt;
    const refused = store.delete(cluster.uid, true, t);
    expect(refused).toMatchObject({ ok: false, status: 409, code: 'ForceDeleteNotAllowed' });
    store.delete(cluster.uid, false, t);
    expect(stateAt(cluster, at(1e7))).toBe('Deleting');
    store.delete(cluster.uid, true, at(1e7));
    expect(stateAt(cluster, at(1e7))).toBe('Deleted');
    expect(cluster.pools.flatMap((pool) => machinesAt(pool, at(1e7)))).toHaveLength(3);
    const events = clusterEvents(cluster, at(1e7), pace);
    expect(events[0]).toMatchObject({ reason: 'ForceDeleted', severity: 'Warning' });
    expect(events.map((event) => event.reason)).toContain('DeletionWaiting');
  });
});

describe('resize', () => {
  it('adds machines that become ready and removes the newest on scale-in', () => {
    const { cluster } = created({ workers: 2 });
    const workers = cluster.pools[1]!;
    const t = cluster.runningAt;
    resizePool(cluster, workers, 4, t, pace);
    expect(readyAt(workers, t)).toBe(2);
    expect(readyAt(workers, t + pace.workerNode + 2 * pace.workerStagger)).toBe(4);
    const newest = workers.nodes.at(-1)!;
    const later = t + 60_000;
    resizePool(cluster, workers, 3, later, pace);
    expect(newest.deletingAt).toBe(later);
    expect(machinesAt(workers, later + pace.nodeDelete)).toHaveLength(3);
    expect(cluster.scales.map(({ from, to }) => [from, to])).toEqual([
      [2, 4],
      [4, 3],
    ]);
  });

  it('refuses to resize a cluster that is not Running, or to change a pool into a control plane', () => {
    const { store, cluster } = created();
    const entity = structuredClone(cluster.pools[1]!.entity);
    entity.poolConfig.size = 5;
    expect(store.updatePool(cluster.configUid, 'worker-pool', entity, T0)).toMatchObject({
      ok: false,
      status: 409,
    });
    entity.poolConfig.isControlPlane = true;
    expect(store.updatePool(cluster.configUid, 'worker-pool', entity, cluster.runningAt)).toMatchObject({
      ok: false,
      status: 400,
    });
  });
});

describe('events', () => {
  it('keeps the same uids on every read and lists newest first', () => {
    const { cluster } = created();
    const first = clusterEvents(cluster, cluster.runningAt, pace);
    const again = clusterEvents(cluster, cluster.runningAt, pace);
    expect(again.map((event) => event.uid)).toEqual(first.map((event) => event.uid));
    expect(new Set(first.map((event) => event.uid)).size).toBe(first.length);
    expect(first.map((event) => event.at)).toEqual([...first.map((event) => event.at)].sort((a, b) => b - a));
    expect(clusterEvents(cluster, T0, pace).map((event) => event.reason)).toEqual(['ClusterCreated']);
  });
});
