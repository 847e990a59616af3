import type { ClusterRecord, Leftovers } from '../domain/cluster';
import { PaletteError } from './errors';
import type { Palette } from './port';

/** The cluster's cloud config uid: the one recorded, else the one Palette shows for the cluster (if any). */
export async function cloudConfigUidOf(
  palette: Palette,
  record: Pick<ClusterRecord, 'paletteUid' | 'cloudConfigUid'>,
): Promise<string | undefined> {
  if (record.cloudConfigUid) return record.cloudConfigUid;
  return record.paletteUid ? (await palette.getCluster(record.paletteUid))?.cloudConfigUid : undefined;
}

/**
 * The MAAS machines Palette still lists in the cluster's pools: what a force delete leaves behind for people to
 * release by hand. A Palette failure becomes the reason they could not be listed, never an error.
 */
export async function allocatedMachines(
  palette: Palette,
  record: Pick<ClusterRecord, 'paletteUid' | 'cloudConfigUid'>,
): Promise<Leftovers> {
  try {
    const configUid = await cloudConfigUidOf(palette, record);
    if (!configUid) return { unknown: 'Palette does not say which cloud config the cluster used' };
    const config = await palette.getCloudConfig(configUid);
    const perPool = await Promise.all(config.pools.map((pool) => palette.poolMachines(configUid, pool.name)));
    return { machines: perPool.flat() };
  } catch (error) {
    if (error instanceof PaletteError) return { unknown: error.message };
    throw error;
  }
}
