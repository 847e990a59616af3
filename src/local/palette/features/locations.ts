import { stableUid } from '../ids';
import type { SimLocation } from './model';

/** The tenant's backup locations: a MinIO in the lab (the default) and an S3 bucket for archives. */
export const SIM_LOCATIONS: readonly SimLocation[] = [
  { uid: stableUid('location', 'lab-minio'), name: 'lab-minio', storage: 'minio', isDefault: true },
  { uid: stableUid('location', 'archive-s3'), name: 'archive-s3', storage: 's3', isDefault: false },
];

/** The location a backup config names (by uid first, then by name), or undefined. */
export function locationOf(config: { backupLocationUid?: string; backupLocationName?: string }) {
  return SIM_LOCATIONS.find((location) =>
    config.backupLocationUid
      ? location.uid === config.backupLocationUid
      : location.name === config.backupLocationName,
  );
}

/** `v1UserAssetsLocations`. */
export function locationsView() {
  return {
    items: SIM_LOCATIONS.map((location) => ({
      metadata: { uid: location.uid, name: location.name },
      spec: { isDefault: location.isDefault, storage: location.storage, type: location.storage },
    })),
  };
}
