import type { Progress } from '../domain/cluster';
import type { ClusterSpec } from '../domain/spec';
import type { ClusterEvent, PoolProgress } from '../palette/port';

/** How many event uids a record remembers as posted: more than one poll ever reads. */
export const SEEN_EVENTS_LIMIT = 200;

/**
 * Names the overview's pools after the spec's. Palette's overview lists pools without names, in create order
 * (control plane first); so control-plane pools take the control plane's name and the others the worker pools'
 * names in order. A pool Palette names keeps its name; one the spec does not know is "pool N".
 */
export function matchPools(
  spec: Pick<ClusterSpec, 'controlPlane' | 'workerPools'>,
  pools: readonly PoolProgress[],
): Progress['pools'] {
  let worker = 0;
  return pools.map((pool, index) => {
    const fromSpec = pool.isControlPlane ? spec.controlPlane.name : spec.workerPools[worker++]?.name;
    return { name: pool.name ?? fromSpec ?? `pool ${index + 1}`, ready: pool.ready, desired: pool.desired };
  });
}

/** Events not posted yet, oldest first (Palette lists them newest first). */
export function unseenEvents(events: readonly ClusterEvent[], seen: readonly string[]): ClusterEvent[] {
  const known = new Set(seen);
  return events.filter((event) => !known.has(event.uid)).reverse();
}

/** The uids to remember after posting `posted`: the newest ones, bounded. */
export function rememberEvents(seen: readonly string[], posted: readonly ClusterEvent[]): string[] {
  return [...seen, ...posted.map((event) => event.uid)].slice(-SEEN_EVENTS_LIMIT);
}

/** Whether what a poll read differs from the progress saved before (state, health or any pool's counts). */
export function progressChanged(
  before: Progress | undefined,
  now: Pick<Progress, 'paletteState' | 'health' | 'pools'>,
): boolean {
  if (!before) return true;
  if (before.paletteState !== now.paletteState || before.health !== now.health) return true;
  if (before.pools.length !== now.pools.length) return true;
  return before.pools.some((pool, index) => {
    const other = now.pools[index]!;
    return pool.name !== other.name || pool.ready !== other.ready || pool.desired !== other.desired;
  });
}
