import type { MaasRateBody } from './schemas';

/** Hourly prices the simulator charges for bare metal (USD). */
export const PRICES = { cpuHour: 0.0125, memGiBHour: 0.0016, diskGBHour: 0.00014 } as const;

/** Hours in one period of `periodType`. */
export const PERIOD_HOURS = { hourly: 1, monthly: 730, yearly: 8760 } as const;
export type PeriodType = keyof typeof PERIOD_HOURS;

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** `v1SpectroClusterRate`: an estimate from each pool's node count and instance type. */
export function estimateRate(body: MaasRateBody, period: PeriodType) {
  const hours = PERIOD_HOURS[period];
  const instanceTypes: Record<
    string,
    { type: string; category: string; cpu: number; memory: number; price: number }
  > = {};
  const machinePools = body.machinepoolconfig.map((pool) => {
    const { minCPU, minMemInMB, minDiskSizeInGB = 0 } = pool.cloudConfig.instanceType;
    const memGiB = minMemInMB / 1024;
    const type = `maas-${minCPU}c-${Math.round(memGiB)}g`;
    const nodePrice = minCPU * PRICES.cpuHour + memGiB * PRICES.memGiBHour;
    instanceTypes[type] = {
      type,
      category: 'bare-metal',
      cpu: minCPU,
      memory: memGiB,
      price: round(nodePrice),
    };
    const nodes = pool.poolConfig.size;
    const compute = round(nodes * nodePrice * hours);
    const sizeGB = nodes * minDiskSizeInGB;
    const storage = round(sizeGB * PRICES.diskGBHour * hours);
    return {
      name: pool.poolConfig.name,
      nodesCount: nodes,
      rate: {
        compute: { type, rate: compute },
        storage: [{ type: 'local-disk', sizeGB, rate: storage }],
        total: round(compute + storage),
      },
    };
  });
  const compute = round(machinePools.reduce((sum, pool) => sum + pool.rate.compute.rate, 0));
  const storage = round(machinePools.reduce((sum, pool) => sum + (pool.rate.storage[0]?.rate ?? 0), 0));
  return {
    name: 'maas',
    machinePools,
    rate: { compute, storage, total: round(compute + storage) },
    resourceMetadata: { instanceTypes },
  };
}
