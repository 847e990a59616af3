import type { BackupConfigBody, OsPatchConfigBody, ScanScheduleBody } from './schemas';

/** The compliance-scan drivers the simulator runs: configuration, penetration and conformance. */
export const SCAN_DRIVERS = ['kubeBench', 'kubeHunter', 'sonobuoy'] as const;
export type ScanDriver = (typeof SCAN_DRIVERS)[number];

/** A backup location as `GET /v1/users/assets/locations` lists it. */
export interface SimLocation {
  uid: string;
  name: string;
  storage: 's3' | 'gcp' | 'minio';
  isDefault: boolean;
}

/** One backup request (scheduled or on demand); its state is computed from its times at read time. */
export interface BackupRun {
  requestUid: string;
  backupName: string;
  requestedAt: number;
  endsAt: number;
  failed: boolean;
  onDemand: boolean;
  config: BackupConfigBody;
  location: SimLocation;
}

/** One compliance-scan run of one driver. */
export interface ScanRun {
  requestUid: string;
  logUid: string;
  driver: ScanDriver;
  requestedAt: number;
  endsAt: number;
  failed: boolean;
}

/** A cluster's day-2 features: its backup and scan policies, their runs, and its OS patch config. */
export interface ClusterFeatures {
  backup?: { config: BackupConfigBody; location: SimLocation; updatedAt: number };
  backups: BackupRun[];
  scan?: { config: ScanScheduleBody; updatedAt: number };
  scans: ScanRun[];
  osPatch: OsPatchConfigBody;
}

/** Features of a cluster with none set. */
export function noFeatures(): ClusterFeatures {
  return { backups: [], scans: [], osPatch: {} };
}
