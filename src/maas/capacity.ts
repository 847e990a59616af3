import type { ReviewFindings } from '../domain/cluster';
import { machineText } from '../domain/figures';
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
  /** Ready machines that fit this pool, before any was counted for another pool. */
  matching: number;
  /** Which other pools counted machines this pool could have used, and how many each. */
  takenBy: { pool: string; count: number }[];
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
  return `${zones}; resource pool ${escapeText(pool.resourcePool)}; ${machineText(pool.instanceType)}${tags}`;
}

const machines = (count: number) => `${count} Ready machine${count === 1 ? '' : 's'}`;

/**
 * One line for people that says what was counted: how many Ready machines match the pool, how many of those went
 * to other pools first (and which), and so whether what is left is enough — e.g. "worker-pool needs 2: 7 Ready
 * machines match (any zone; …); 1 of them is counted for control-plane-pool, which leaves 6 — enough."
 */
function describe(result: PoolCapacity, pool: PoolDemand): string {
  const head = `${escapeText(result.pool)} needs ${result.needed}: ${machines(result.matching)} ${result.matching === 1 ? 'matches' : 'match'} (${describeConstraints(pool)})`;
  const taken =
    result.takenByOthers > 0
      ? `; ${result.takenByOthers} of them ${result.takenByOthers === 1 ? 'is' : 'are'} counted for ${result.takenBy.map((other) => escapeText(other.pool)).join(' and ')}, which leaves ${result.fits}`
      : '';
  return `${head}${taken} — ${result.shortfall === 0 ? 'enough' : `short by ${result.shortfall}`}.`;
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
  /** Each counted machine, and the pool it is counted for. */
  const counted = new Map<string, string>();
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
    const takenBy = new Map<string, number>();
    for (const machine of pool.candidates) {
      const owner = counted.get(machine.systemId);
      if (owner !== undefined) takenBy.set(owner, (takenBy.get(owner) ?? 0) + 1);
    }
    for (const machine of chosen) counted.set(machine.systemId, pool.demand.name);
    results.set(pool, {
      pool: pool.demand.name,
      needed: pool.demand.size,
      fits: free.length,
      shortfall: pool.demand.size - chosen.length,
      counted: chosen.map((machine) => machine.hostname),
      takenByOthers: pool.candidates.length - free.length,
      matching: pool.candidates.length,
      takenBy: [...takenBy].map(([name, count]) => ({ pool: name, count })),
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
