import { iso } from '../clock';
import type { Refusal } from '../errors';
import { newUid, stableUid } from '../ids';
import type { ClusterRecord } from '../model';
import { locationOf } from './locations';
import { type BackupRun, type ClusterFeatures, noFeatures } from './model';
import type { BackupConfigBody } from './schemas';

/** The label that makes every backup of a cluster fail (a tag `sim.backup-fails`). */
export const BACKUP_FAILS_LABEL = 'sim.backup-fails';
/** Velero's default time-to-live when a config gives none. */
const DEFAULT_TTL_HOURS = 720;
const HOUR_MS = 3600 * 1000;

/** The cluster's features, created on first use. */
export function featuresOf(cluster: ClusterRecord): ClusterFeatures {
  cluster.features ??= noFeatures();
  return cluster.features;
}

/** The refusal Palette answers for a cluster without a backup policy. */
export function backupNotConfigured(cluster: ClusterRecord): Refusal {
  return {
    status: 404,
    code: 'BackupNotConfigured',
    message: `Backup is not configured for the cluster '${cluster.name}'`,
  };
}

/** Checks a backup config's location, answering the resolved location or Palette's refusal. */
export function resolveLocation(config: BackupConfigBody) {
  if (!config.backupLocationUid && !config.backupLocationName) {
    return {
      status: 400,
      code: 'InvalidRequest',
      message: 'backupLocationUid is required',
    } satisfies Refusal;
  }
  const location = locationOf(config);
  if (!location) {
    const named = config.backupLocationUid ?? config.backupLocationName ?? '';
    return {
      status: 404,
      code: 'BackupLocationNotFound',
      message: `Backup location '${named}' not found`,
    } satisfies Refusal;
  }
  return location;
}

/** Starts an on-demand backup at `t`; refuses a name the cluster already used. */
export function startBackup(
  cluster: ClusterRecord,
  config: BackupConfigBody,
  t: number,
  durationMs: number,
): BackupRun | Refusal {
  const location = resolveLocation(config);
  if ('status' in location) return location;
  const backupName = config.backupName;
  if (!backupName) return { status: 400, code: 'InvalidRequest', message: 'backupName is required' };
  const features = featuresOf(cluster);
  if (features.backups.some((run) => run.backupName === backupName)) {
    return {
      status: 409,
      code: 'BackupNameAlreadyExists',
      message: `Backup '${backupName}' already exists for the cluster '${cluster.name}'`,
    };
  }
  const run: BackupRun = {
    requestUid: newUid(),
    backupName,
    requestedAt: t,
    endsAt: t + durationMs,
    failed: BACKUP_FAILS_LABEL in cluster.labels,
    onDemand: true,
    config,
    location,
  };
  features.backups.push(run);
  return run;
}

function runState(run: BackupRun, t: number): string {
  if (t < run.endsAt) return 'InProgress';
  return run.failed ? 'Failed' : 'Completed';
}

/** `v1ClusterBackupStatusMeta` of one run at `t`. */
function runView(run: BackupRun, t: number) {
  const state = runState(run, t);
  const ttl = run.config.durationInHours ?? DEFAULT_TTL_HOURS;
  const namespaces = run.config.namespaces ?? [];
  return {
    actor: { actorType: run.onDemand ? 'user' : 'schedule', uid: '' },
    backupConfig: {
      includeAllDisks: run.config.includeAllDisks ?? false,
      includeClusterResources: run.config.includeClusterResources ?? false,
      namespaces,
    },
    backupLocationConfig: { name: run.location.name, type: run.location.storage, uid: run.location.uid },
    backupRequestUid: run.requestUid,
    state,
    backupStatusMeta: [
      {
        backupName: run.backupName,
        backupState: {
          state,
          backupTime: iso(run.requestedAt),
          ...(state === 'Failed'
            ? {
                msg: `velero backup ${run.backupName} failed: error uploading backup to ${run.location.name}: AccessDenied: Access Denied`,
              }
            : {}),
        },
        // Velero backs up every namespace when none is named.
        backupedNamespaces: state === 'Completed' ? (namespaces.length > 0 ? namespaces : ['*']) : [],
        expiryDate: iso(run.requestedAt + ttl * HOUR_MS),
      },
    ],
  };
}

/** `v1ClusterBackup` at `t`, every run newest first, or only the run `requestUid` asks for. */
export function backupView(cluster: ClusterRecord, t: number, requestUid?: string) {
  const features = featuresOf(cluster);
  const runs = features.backups
    .filter((run) => run.requestedAt <= t && (requestUid === undefined || run.requestUid === requestUid))
    .sort((a, b) => b.requestedAt - a.requestedAt);
  return {
    metadata: {
      uid: stableUid('backup', cluster.uid),
      name: cluster.name,
      creationTimestamp: iso(features.backup?.updatedAt ?? cluster.createdAt),
    },
    spec: {
      clusterUid: cluster.uid,
      ...(features.backup ? { config: features.backup.config } : {}),
    },
    status: { clusterBackupStatuses: runs.map((run) => runView(run, t)) },
  };
}
