import type { Pace } from './clock';
import { maasHostname, stableUid } from './ids';
import type { ClusterRecord, PoolRecord, SimNode, SimState } from './model';

/**
 * The lifecycle clock. Every step plans timestamps once (create, delete, resize); what Palette would report is
 * read from them at any moment, so no timer runs and any clock (fast, manual, real) gives consistent answers.
 */

/** Palette's `status.state` of a cluster at `t`. */
export function stateAt(cluster: ClusterRecord, t: number): SimState {
  if (cluster.deletion) {
    if (t >= cluster.deletion.deletedAt) return 'Deleted';
    if (t >= cluster.deletion.requestedAt) return 'Deleting';
  }
  if (t >= cluster.runningAt) return 'Running';
  if (t >= cluster.pendingUntil) return 'Provisioning';
  return 'Pending';
}

/** Whether GET answers 404 at `t` (some while after Deleted). */
export function isGone(cluster: ClusterRecord, t: number): boolean {
  return cluster.deletion !== undefined && t >= cluster.deletion.goneAt;
}

/** Machines of a pool that exist at `t`: created and not yet released. */
export function machinesAt(pool: PoolRecord, t: number): SimNode[] {
  return pool.nodes.filter(
    (node) => node.createdAt <= t && !(node.deletedAt !== undefined && node.deletedAt <= t),
  );
}

/** Machines of a pool that are ready (healthy) at `t`. */
export function readyAt(pool: PoolRecord, t: number): number {
  return pool.nodes.filter(
    (node) => node.readyAt <= t && !(node.deletingAt !== undefined && node.deletingAt <= t),
  ).length;
}

function addNode(cluster: ClusterRecord, pool: PoolRecord, createdAt: number, ready: number): void {
  const serial = pool.serial;
  pool.serial += 1;
  const zones = pool.entity.cloudConfig.azs?.length ? pool.entity.cloudConfig.azs : cluster.placement.zones;
  const suffix = stableUid(cluster.uid, pool.name, serial).slice(0, 5);
  const poolIndex = cluster.pools.indexOf(pool);
  pool.nodes.push({
    uid: stableUid(cluster.uid, pool.name, serial, 'machine'),
    name: `${cluster.name}-${pool.isControlPlane ? 'cp' : pool.name}-${suffix}`,
    hostname: maasHostname(cluster.uid, pool.name, serial),
    ip: `${cluster.placement.network}.${16 + ((poolIndex * 7 + Math.floor(serial / 200)) % 16)}.${10 + (serial % 200)}`,
    az: zones[serial % zones.length] ?? 'default',
    createdAt,
    readyAt: ready,
  });
}

/** Adds `count` machines to a pool from `from`: control-plane ones one after another, workers staggered. */
function growPool(cluster: ClusterRecord, pool: PoolRecord, count: number, from: number, pace: Pace): void {
  for (let index = 0; index < count; index += 1) {
    if (pool.isControlPlane) {
      const at = from + index * pace.controlPlaneNode;
      addNode(cluster, pool, at, at + pace.controlPlaneNode);
    } else {
      const at = from + index * pace.workerStagger;
      addNode(cluster, pool, at, at + pace.workerNode);
    }
  }
}

/**
 * Plans provisioning of a new cluster: control-plane machines one by one after Pending, workers (in body order)
 * once the first control-plane node is ready, Running when the last node is ready. A stalled cluster's last
 * machine never becomes ready, so it stays Provisioning.
 */
export function planProvisioning(cluster: ClusterRecord, pace: Pace, stall: boolean): void {
  const start = cluster.pendingUntil;
  for (const pool of cluster.pools.filter((candidate) => candidate.isControlPlane)) {
    growPool(cluster, pool, pool.size, start, pace);
  }
  const hasControlPlane = cluster.pools.some((pool) => pool.isControlPlane);
  let workersFrom = hasControlPlane ? start + pace.controlPlaneNode : start;
  for (const pool of cluster.pools.filter((candidate) => !candidate.isControlPlane)) {
    growPool(cluster, pool, pool.size, workersFrom, pace);
    workersFrom += pool.size * pace.workerStagger;
  }
  const nodes = cluster.pools.flatMap((pool) => pool.nodes);
  const last = nodes.reduce<SimNode | undefined>(
    (latest, node) => (!latest || node.readyAt > latest.readyAt ? node : latest),
    undefined,
  );
  if (stall && last) last.readyAt = Number.POSITIVE_INFINITY;
  cluster.runningAt = (last ? last.readyAt : start) + pace.settle;
}

/** Releases machines from `at`, one after another; a sticky deletion's machines are never released. */
function release(nodes: SimNode[], at: number, pace: Pace, sticky: boolean): void {
  nodes.forEach((node, index) => {
    node.deletingAt = at + index * pace.deleteStagger;
    node.deletedAt = sticky ? Number.POSITIVE_INFINITY : node.deletingAt + pace.nodeDelete;
    if (node.readyAt > node.deletingAt) node.readyAt = Number.POSITIVE_INFINITY;
  });
}

/** Machines planned but not created by `at` are dropped: they never will be. */
function dropUnborn(pool: PoolRecord, at: number): void {
  pool.nodes = pool.nodes.filter((node) => node.createdAt <= at);
}

/**
 * Starts deleting a cluster at `at`. While it is Pending or Provisioning this is an abort (Palette has no abort
 * endpoint): machines not yet created never are, and the rest are released. Workers go before control planes.
 */
export function startDeletion(cluster: ClusterRecord, at: number, pace: Pace): void {
  const aborted = stateAt(cluster, at) !== 'Running';
  for (const pool of cluster.pools) dropUnborn(pool, at);
  const live = (pools: PoolRecord[]) =>
    pools.flatMap((pool) => pool.nodes.filter((node) => node.deletingAt === undefined).reverse());
  const workers = live(cluster.pools.filter((pool) => !pool.isControlPlane));
  const controlPlanes = live(cluster.pools.filter((pool) => pool.isControlPlane));
  release([...workers, ...controlPlanes], at, pace, cluster.sticky);
  if (cluster.runningAt > at) cluster.runningAt = Number.POSITIVE_INFINITY;
  const released = cluster.pools.flatMap((pool) => pool.nodes.map((node) => node.deletedAt ?? at));
  const deletedAt = cluster.sticky ? Number.POSITIVE_INFINITY : Math.max(at, ...released) + pace.finalize;
  cluster.deletion = { requestedAt: at, aborted, deletedAt, goneAt: deletedAt + pace.goneAfter };
}

/**
 * Force-deletes a cluster whose deletion has started: Deleted at once; machines not yet released stay
 * allocated in MAAS (Palette leaves their clean-up to the user).
 */
export function forceDeletion(cluster: ClusterRecord, at: number, pace: Pace): void {
  const deletion = cluster.deletion;
  if (!deletion) return;
  for (const node of cluster.pools.flatMap((pool) => pool.nodes)) {
    if (node.deletedAt !== undefined && node.deletedAt > at) node.deletedAt = Number.POSITIVE_INFINITY;
  }
  deletion.forcedAt = at;
  deletion.deletedAt = Math.min(deletion.deletedAt, at);
  deletion.goneAt = deletion.deletedAt + pace.goneAfter;
}

/** Resizes a pool at `at`: new machines join as in provisioning; on scale-in the newest leave first. */
export function resizePool(
  cluster: ClusterRecord,
  pool: PoolRecord,
  size: number,
  at: number,
  pace: Pace,
): void {
  const from = pool.size;
  pool.size = size;
  const live = pool.nodes.filter((node) => node.deletingAt === undefined);
  if (size > live.length) growPool(cluster, pool, size - live.length, at, pace);
  if (size < live.length) {
    const leaving = live.slice(size).reverse();
    const unborn = new Set(leaving.filter((node) => node.createdAt > at));
    pool.nodes = pool.nodes.filter((node) => !unborn.has(node));
    release(
      leaving.filter((node) => !unborn.has(node)),
      at,
      pace,
      false,
    );
  }
  if (from !== size) cluster.scales.push({ at, pool: pool.name, from, to: size });
}

/** The last moment up to `t` at which something about the cluster changed (metadata.lastModifiedTimestamp). */
export function lastModifiedAt(cluster: ClusterRecord, t: number): number {
  const moments = [
    cluster.createdAt,
    cluster.pendingUntil,
    cluster.runningAt,
    ...cluster.scales.map((scale) => scale.at),
    cluster.deletion?.requestedAt ?? cluster.createdAt,
    cluster.deletion?.deletedAt ?? cluster.createdAt,
  ];
  return Math.max(...moments.filter((moment) => moment <= t));
}
