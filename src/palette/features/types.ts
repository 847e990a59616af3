/** Day-2 features of a running cluster, as the bot reads and sets them through Palette. */

import type { ScanKind } from '../../domain/command';

export type { ScanKind };

/** Palette's driver for each scan kind. */
export const SCAN_DRIVER = {
  configuration: 'kubeBench',
  penetration: 'kubeHunter',
  conformance: 'sonobuoy',
} as const satisfies Record<ScanKind, string>;

/** A cluster's backup policy (Palette's v1ClusterBackupConfig). */
export interface BackupPolicy {
  locationUid?: string;
  locationName?: string;
  prefix?: string;
  /** Five-field cron; undefined = no schedule (on-demand only). */
  schedule?: string;
  expiryHours?: number;
  namespaces: string[];
  includeAllDisks: boolean;
  includeClusterResources: boolean;
}

/** One backup request and how it went. `state` is Palette's free text (InProgress, Completed, Failed …). */
export interface BackupRecord {
  requestUid: string;
  name?: string;
  state: string;
  at?: string;
  expiresAt?: string;
  namespaces: string[];
  /** Palette's message, when it failed. */
  message?: string;
  onDemand: boolean;
}

/** A cluster's backup policy (absent when none is set) and its backups, newest first. */
export interface ClusterBackups {
  policy?: BackupPolicy;
  backups: BackupRecord[];
}

/** A backup location of the tenant. */
export interface BackupLocation {
  uid: string;
  name: string;
  storage?: string;
  isDefault: boolean;
}

/** The scan schedules of a cluster (five-field cron per kind; a kind left out is not scheduled). */
export type ScanSchedules = Partial<Record<ScanKind, string>>;

/** One run of one scan kind, from Palette's driver logs. */
export interface ScanRun {
  kind: ScanKind;
  logUid: string;
  requestUid?: string;
  state: string;
  startedAt?: string;
  endedAt?: string;
  message?: string;
}

/** One kube-bench check. */
export interface BenchCheck {
  testId: string;
  description: string;
  state: string;
  remediation?: string;
}

/** A finished run's findings, by scan kind. */
export type ScanReport =
  | {
      kind: 'configuration';
      targets: {
        name: string;
        pass: number;
        fail: number;
        warn: number;
        info: number;
        checks: BenchCheck[];
      }[];
    }
  | {
      kind: 'penetration';
      counts: { high: number; medium: number; low: number };
      findings: { testId: string; vulnerability: string; severity: string }[];
    }
  | {
      kind: 'conformance';
      plugins: {
        plugin: string;
        status?: string;
        pass: number;
        fail: number;
        total: number;
        failures: string[];
      }[];
    };

/** OS patching of a cluster's nodes (Palette's v1OsPatchConfig). */
export interface OsPatchSettings {
  schedule?: string;
  patchOnBoot: boolean;
  rebootIfRequired: boolean;
  onDemandPatchAfter?: string;
}

/** Palette's day-2 endpoints, as the bot uses them. */
export interface PaletteFeatures {
  /** `GET …/features/backup` (optionally one request): no policy and no backups when Palette says 404. */
  clusterBackups(uid: string, requestUid?: string): Promise<ClusterBackups>;
  /** `POST …/features/backup` when the cluster has no policy yet (`exists: false`), `PUT` otherwise. */
  saveBackupPolicy(uid: string, policy: BackupPolicy, options: { exists: boolean }): Promise<void>;
  /** `POST …/features/backup/onDemand`: the policy's settings under a backup name; the request uid. */
  startBackup(uid: string, policy: BackupPolicy, backupName: string): Promise<{ requestUid: string }>;
  /** `GET /v1/users/assets/locations`. */
  backupLocations(): Promise<BackupLocation[]>;
  /** `GET …/features/complianceScan`: undefined when no scan policy is set (404). */
  scanSchedules(uid: string): Promise<ScanSchedules | undefined>;
  /** `POST …/features/complianceScan` when none is set yet, `PUT` otherwise. */
  saveScanSchedules(uid: string, schedules: ScanSchedules, options: { exists: boolean }): Promise<void>;
  /** `POST …/complianceScan/onDemand` for the kinds; the request uid. */
  startScan(uid: string, kinds: readonly ScanKind[]): Promise<{ requestUid: string }>;
  /** `GET …/complianceScan/logs/drivers`: every run, newest first per kind. */
  scanRuns(uid: string): Promise<ScanRun[]>;
  /** `GET …/logs/{logUid}/drivers/{driver}`: the run with its report (once it completed). */
  scanReport(uid: string, kind: ScanKind, logUid: string): Promise<{ run: ScanRun; report?: ScanReport }>;
  /** The OS patch config of `GET /v1/spectroclusters/{uid}` (all unset when there is none); undefined on 404. */
  osPatch(uid: string): Promise<OsPatchSettings | undefined>;
  /** `PATCH …/clusterConfig/osPatch`: replaces the whole config. */
  setOsPatch(uid: string, settings: OsPatchSettings): Promise<void>;
}
