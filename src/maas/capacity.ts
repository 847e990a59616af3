import type { ReviewFindings } from '../domain/cluster';
import type { InstanceType } from '../domain/spec';
import { escapeText } from '../domain/text';
import type { MaasMachine } from './port';

/** The MAAS status of a machine that can be allocated to a new cluster. */
export const READY = 'Ready';

/** What a pool asks of MAAS. `machineTags` is read when the spec carries it (Palette's `cloudConfig.tags`). */
export interface PoolDemand {
  name: string;
  size: number;
  instanceType: InstanceType;
  azs: string[];
  resourcePool: string;
  machineTags?: string[];
}

/** The pools of a cluster spec, as the capacity check reads them; a ClusterSpec is one. */
export interface CapacityDemand {
  controlPlane: PoolDemand;
  workerPools: PoolDemand[];
}

/** How one pool fares: what it needs, how many Ready machines fit it, which ones are counted for it. */
export interface PoolCapacity {
  pool: string;
  needed: number;
  /** Ready machines that fit and are not already counted for a more constrained pool. */
  fits: number;
  shortfall: number;
  /** Hostnames counted for this pool (at most `needed`), so no machine serves two pools. */
  counted: string[];
  /** Machines that fit but were counted for other pools first. */
  takenByOthers: number;
}

/** The capacity finding for the approval card (`ReviewFindings['capacity']`) with the per-pool detail. */
export type CapacityReport = NonNullable<ReviewFindings['capacity']> & {
  pools: PoolCapacity[];
  readyMachines: number;
};

/** Whether a machine can serve a pool: Ready, in its zones (any when none chosen) and resource pool, big enough, tagged. */
function fitsPool(machine: MaasMachine, pool: PoolDemand): boolean {
  return (
    machine.status === READY &&
    (pool.azs.length === 0 || pool.azs.includes(machine.zone)) &&
    machine.pool === pool.resourcePool &&
    machine.cpuCount >= pool.instanceType.minCPU &&
    machine.memory >= pool.instanceType.minMemInMB &&
    (pool.machineTags ?? []).every((tag) => machine.tags.includes(tag))
  );
}

/** The constraints of a pool in words, for the report line (typed values escaped for Slack). */
function describeConstraints(pool: PoolDemand): string {
  const zones = pool.azs.length > 0 ? pool.azs.map(escapeText).join(', ') : 'any zone';
  const tags = pool.machineTags?.length ? `; tags ${pool.machineTags.map(escapeText).join(', ')}` : '';
  return `${zones}; resource pool ${escapeText(pool.resourcePool)}; ≥ ${pool.instanceType.minCPU} CPU, ≥ ${pool.instanceType.minMemInMB} MiB${tags}`;
}

/** One line for people, e.g. "worker-pool: needs 3, 2 Ready machines fit (az1, az2; …) — short by 1". */
function describe(result: PoolCapacity, pool: PoolDemand): string {
  const machines = result.fits === 1 ? 'machine fits' : 'machines fit';
  const head = `${escapeText(result.pool)}: needs ${result.needed}, ${result.fits} Ready ${machines} (${describeConstraints(pool)})`;
  if (result.shortfall === 0) return `${head} — enough`;
  const others =
    result.takenByOthers > 0 ? ` (${result.takenByOthers} more fit but are counted for other pools)` : '';
  return `${head} — short by ${result.shortfall}${others}`;
}

/**
 * Checks whether MAAS has enough Ready machines for every pool of the spec. Machines are counted once: the most
 * constrained pool (fewest fitting machines) picks first, taking the machines fewest other pools could use.
 * Pure: the caller fetches the machines.
 */
export function checkCapacity(spec: CapacityDemand, machines: MaasMachine[]): CapacityReport {
  const pools = [spec.controlPlane, ...spec.workerPools].map((demand) => ({
    demand,
    candidates: machines.filter((machine) => fitsPool(machine, demand)),
  }));

  const demandCount = new Map(
    machines.map((machine) => [
      machine.systemId,
      pools.filter((pool) => pool.candidates.includes(machine)).length,
    ]),
  );
  const counted = new Set<string>();
  const results = new Map<(typeof pools)[number], PoolCapacity>();
  const byConstraint = [...pools].sort(
    (a, b) => a.candidates.length - b.candidates.length || b.demand.size - a.demand.size,
  );
  for (const pool of byConstraint) {
    const free = pool.candidates
      .filter((machine) => !counted.has(machine.systemId))
      .sort(
        (a, b) =>
          demandCount.get(a.systemId)! - demandCount.get(b.systemId)! ||
          a.cpuCount - b.cpuCount ||
          a.memory - b.memory ||
          a.hostname.localeCompare(b.hostname),
      );
    const chosen = free.slice(0, pool.demand.size);
    for (const machine of chosen) counted.add(machine.systemId);
    results.set(pool, {
      pool: pool.demand.name,
      needed: pool.demand.size,
      fits: free.length,
      shortfall: pool.demand.size - chosen.length,
      counted: chosen.map((machine) => machine.hostname),
      takenByOthers: pool.candidates.length - free.length,
    });
  }

  const ordered = pools.map((pool) => results.get(pool)!);
  return {
    ok: ordered.every((result) => result.shortfall === 0),
    lines: ordered.map((result, index) => describe(result, pools[index]!.demand)),
    pools: ordered,
    readyMachines: machines.filter((machine) => machine.status === READY).length,
  };
}
