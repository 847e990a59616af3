import { describe, expect, it } from 'vitest';
import { type CapacityDemand, checkCapacity, type PoolDemand } from './capacity';
import type { MaasMachine } from './port';

let serial = 0;
/** A machine with sensible defaults: Ready, az1, default pool, 8 CPU, 16 GiB. */
function machine(fields: Partial<MaasMachine> = {}): MaasMachine {
  serial += 1;
  return {
    systemId: `sys${serial}`,
    hostname: `host-${String(serial).padStart(3, '0')}`,
    status: 'Ready',
    zone: 'az1',
    pool: 'default',
    cpuCount: 8,
    memory: 16_384,
    tags: [],
    ...fields,
  };
}

function pool(name: string, fields: Partial<PoolDemand> = {}): PoolDemand {
  return {
    name,
    size: 1,
    instanceType: { minCPU: 4, minMemInMB: 8_192 },
    azs: [],
    resourcePool: 'default',
    ...fields,
  };
}

function spec(controlPlane: PoolDemand, ...workerPools: PoolDemand[]): CapacityDemand {
  return { controlPlane, workerPools };
}

describe('checkCapacity', () => {
  it('reports enough when each pool has its Ready machines', () => {
    const report = checkCapacity(spec(pool('cp', { size: 1 }), pool('workers', { size: 2 })), [
      machine(),
      machine(),
      machine(),
      machine(),
    ]);
    expect(report.ok).toBe(true);
    expect(report.pools.map((p) => [p.pool, p.needed, p.shortfall])).toEqual([
      ['cp', 1, 0],
      ['workers', 2, 0],
    ]);
    // Equally constrained: the bigger pool picks first, and the control plane sees what is left.
    expect(report.lines).toEqual([
      'cp needs 1: 4 Ready machines match (any zone; resource pool default; ≥ 4 CPU, 8 GiB RAM); 2 of them are counted for workers, which leaves 2 — enough.',
      'workers needs 2: 4 Ready machines match (any zone; resource pool default; ≥ 4 CPU, 8 GiB RAM) — enough.',
    ]);
    expect(report.readyMachines).toBe(4);
  });

  it('reports the shortfall in a line people can act on', () => {
    const workers = pool('worker-pool', {
      size: 3,
      azs: ['az1', 'az2'],
      instanceType: { minCPU: 4, minMemInMB: 8_192 },
    });
    const report = checkCapacity(spec(pool('cp', { azs: ['az3'] }), workers), [
      machine({ zone: 'az3' }),
      machine({ zone: 'az1' }),
      machine({ zone: 'az2' }),
    ]);
    expect(report.ok).toBe(false);
    expect(report.pools[1]).toMatchObject({ needed: 3, fits: 2, shortfall: 1 });
    expect(report.lines[1]).toBe(
      'worker-pool needs 3: 2 Ready machines match (az1, az2; resource pool default; ≥ 4 CPU, 8 GiB RAM) — short by 1.',
    );
    expect(report.lines[0]).toMatch(/^cp needs 1: 1 Ready machine matches \(az3;.*— enough\.$/);
  });

  it('counts only Ready machines that are big enough', () => {
    const report = checkCapacity(
      spec(pool('cp', { size: 3, instanceType: { minCPU: 8, minMemInMB: 16_384 } }), pool('w', { size: 0 })),
      [
        machine({ status: 'Deployed' }),
        machine({ status: 'Allocated' }),
        machine({ cpuCount: 4 }),
        machine({ memory: 8_192 }),
        machine({ cpuCount: 8, memory: 16_384 }),
      ],
    );
    expect(report.pools[0]).toMatchObject({ fits: 1, shortfall: 2 });
    expect(report.readyMachines).toBe(3);
  });

  it('filters by zone, and takes any zone when none is chosen', () => {
    const machines = [machine({ zone: 'az1' }), machine({ zone: 'az2' }), machine({ zone: 'az3' })];
    expect(checkCapacity(spec(pool('cp', { size: 3, azs: ['az2'] })), machines).pools[0]!.fits).toBe(1);
    expect(checkCapacity(spec(pool('cp', { size: 3, azs: [] })), machines).pools[0]!.fits).toBe(3);
  });

  it('filters by resource pool', () => {
    const machines = [machine({ pool: 'gpu' }), machine({ pool: 'default' }), machine({ pool: 'gpu' })];
    const report = checkCapacity(spec(pool('cp', { resourcePool: 'gpu', size: 2 })), machines);
    expect(report.pools[0]).toMatchObject({ fits: 2, shortfall: 0 });
    expect(report.pools[0]!.counted).toEqual([machines[0]!.hostname, machines[2]!.hostname]);
  });

  it('requires every machine tag the pool asks for', () => {
    const report = checkCapacity(spec(pool('gpu-workers', { size: 2, machineTags: ['gpu', 'nvme'] })), [
      machine({ tags: ['gpu'] }),
      machine({ tags: ['gpu', 'nvme', 'extra'] }),
    ]);
    expect(report.pools[0]).toMatchObject({ fits: 1, shortfall: 1 });
    expect(report.lines[0]).toContain('tags gpu, nvme');
  });

  it('never counts a machine for two pools', () => {
    const machines = [machine(), machine(), machine()];
    const report = checkCapacity(spec(pool('cp', { size: 2 }), pool('workers', { size: 2 })), machines);
    const counted = report.pools.flatMap((p) => p.counted);
    expect(new Set(counted).size).toBe(counted.length);
    expect(counted).toHaveLength(3);
    expect(report.pools.reduce((sum, p) => sum + p.shortfall, 0)).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.lines.find((line) => line.includes('short by 1'))).toMatch(
      /; 2 of them are counted for (cp|workers), which leaves 1 — short by 1\.$/,
    );
  });

  it('says, for two pools with the same filters, what each counted and what the other took', () => {
    // The example: "needs 1, 5 Ready machines fit" and "needs 2, 7 Ready machines fit" for the same
    // filters read as wrong; the lines now say that the same 7 match and who took which.
    const machines = Array.from({ length: 7 }, () => machine());
    const report = checkCapacity(
      spec(pool('control-plane-pool', { size: 1 }), pool('worker-pool', { size: 2 })),
      machines,
    );
    expect(report.lines).toEqual([
      'control-plane-pool needs 1: 7 Ready machines match (any zone; resource pool default; ≥ 4 CPU, 8 GiB RAM); 2 of them are counted for worker-pool, which leaves 5 — enough.',
      'worker-pool needs 2: 7 Ready machines match (any zone; resource pool default; ≥ 4 CPU, 8 GiB RAM) — enough.',
    ]);
  });

  it('lets the most constrained pool pick first, so a flexible pool does not starve it', () => {
    // The workers accept any machine; the control plane only big ones. Spec order alone would let the
    // workers take the big machines first.
    const big = [machine({ cpuCount: 32, memory: 65_536 }), machine({ cpuCount: 32, memory: 65_536 })];
    const small = [machine({ cpuCount: 4, memory: 8_192 }), machine({ cpuCount: 4, memory: 8_192 })];
    const report = checkCapacity(
      {
        controlPlane: pool('workers-first', { size: 2 }),
        workerPools: [pool('big', { size: 2, instanceType: { minCPU: 16, minMemInMB: 32_768 } })],
      },
      [...big, ...small],
    );
    expect(report.ok).toBe(true);
    expect(report.pools[1]!.counted.sort()).toEqual(big.map((m) => m.hostname).sort());
    expect(report.pools[0]!.counted.sort()).toEqual(small.map((m) => m.hostname).sort());
  });

  it('escapes typed zone and pool names for Slack', () => {
    const report = checkCapacity(spec(pool('cp', { azs: ['<!here>'], resourcePool: 'a&b' })), []);
    expect(report.lines[0]).toContain('&lt;!here&gt;');
    expect(report.lines[0]).toContain('resource pool a&amp;b');
    expect(report.lines[0]).not.toContain('<!here>');
  });
});
