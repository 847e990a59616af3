import type { MaasMachine } from '../../maas/port';

/** The simulator's availability zones, as the Palette simulator's MAAS accounts name them. */
export const SEED_ZONES = ['az1', 'az2', 'az3'];
/** The simulator's resource pools. */
export const SEED_RESOURCE_POOLS = ['default', 'gpu', 'storage'];

type Shape = Pick<MaasMachine, 'cpuCount' | 'memory' | 'tags'>;
const GENERAL: Shape = { cpuCount: 8, memory: 32_768, tags: ['virtual'] };
const SMALL: Shape = { cpuCount: 4, memory: 8_192, tags: ['virtual'] };
const GPU: Shape = { cpuCount: 32, memory: 131_072, tags: ['gpu', 'nvidia'] };
const STORAGE: Shape = { cpuCount: 16, memory: 65_536, tags: ['storage', 'nvme'] };

/** Rows of the seed: how many machines of a shape sit in a zone and pool, in which status. */
const ROWS: { zone: string; pool: string; status: string; count: number; shape: Shape }[] = [
  { zone: 'az1', pool: 'default', status: 'Ready', count: 2, shape: GENERAL },
  { zone: 'az2', pool: 'default', status: 'Ready', count: 2, shape: GENERAL },
  { zone: 'az3', pool: 'default', status: 'Ready', count: 2, shape: GENERAL },
  { zone: 'az1', pool: 'default', status: 'Ready', count: 1, shape: SMALL },
  { zone: 'az1', pool: 'default', status: 'Deployed', count: 2, shape: GENERAL },
  { zone: 'az2', pool: 'default', status: 'Allocated', count: 1, shape: GENERAL },
  { zone: 'az3', pool: 'default', status: 'Commissioning', count: 1, shape: GENERAL },
  { zone: 'az1', pool: 'gpu', status: 'Ready', count: 2, shape: GPU },
  { zone: 'az2', pool: 'gpu', status: 'Deployed', count: 1, shape: GPU },
  { zone: 'az3', pool: 'storage', status: 'Ready', count: 2, shape: STORAGE },
  { zone: 'az2', pool: 'storage', status: 'Allocated', count: 1, shape: STORAGE },
];

/** The machines a fresh simulator has: several Ready across az1–az3 and every pool, some in use. */
export function seedMachines(): MaasMachine[] {
  let index = 0;
  return ROWS.flatMap((row) =>
    Array.from({ length: row.count }, () => {
      index += 1;
      const number = String(index).padStart(2, '0');
      return {
        systemId: `m4a5${number}`,
        hostname: `${row.pool}-${row.zone}-${number}`,
        status: row.status,
        zone: row.zone,
        pool: row.pool,
        ...row.shape,
        tags: [...row.shape.tags],
      };
    }),
  );
}
