import { isNotFound } from '../errors';
import type { PaletteHttp } from '../http';
import { UidSchema } from '../schemas';
import {
  ClusterBackupSchema,
  ClusterOsPatchSchema,
  KubeBenchLogSchema,
  KubeHunterLogSchema,
  LocationsSchema,
  ScanLogsSchema,
  ScanSchedulesSchema,
  SonobuoyLogSchema,
} from './schemas';
import {
  type BackupPolicy,
  type OsPatchSettings,
  type PaletteFeatures,
  SCAN_DRIVER,
  type ScanKind,
  type ScanSchedules,
} from './types';

const segment = encodeURIComponent;

/** The v1ClusterBackupConfig body of a policy; an unset schedule is an empty one (Palette's "no schedule"). */
export function backupConfigBody(policy: BackupPolicy) {
  return {
    ...(policy.locationUid ? { backupLocationUid: policy.locationUid } : {}),
    ...(policy.locationName ? { backupLocationName: policy.locationName } : {}),
    ...(policy.prefix ? { backupPrefix: policy.prefix } : {}),
    ...(policy.expiryHours !== undefined ? { durationInHours: policy.expiryHours } : {}),
    includeAllDisks: policy.includeAllDisks,
    includeClusterResources: policy.includeClusterResources,
    includeClusterResourceMode: policy.includeClusterResources ? ('Always' as const) : ('Auto' as const),
    namespaces: [...new Set(policy.namespaces)],
    schedule: { scheduledRunTime: policy.schedule ?? '' },
  };
}

/** The v1ClusterComplianceScheduleConfig body: a driver per scheduled kind. */
export function scanSchedulesBody(schedules: ScanSchedules) {
  return Object.fromEntries(
    Object.entries(schedules)
      .filter(([, cron]) => cron)
      .map(([kind, cron]) => [SCAN_DRIVER[kind as ScanKind], { schedule: { scheduledRunTime: cron } }]),
  );
}

/** The v1OsPatchEntity body: the whole config, booleans always sent. */
export function osPatchBody(settings: OsPatchSettings) {
  return {
    osPatchConfig: {
      ...(settings.schedule ? { schedule: settings.schedule } : {}),
      patchOnBoot: settings.patchOnBoot,
      rebootIfRequired: settings.rebootIfRequired,
      ...(settings.onDemandPatchAfter ? { onDemandPatchAfter: settings.onDemandPatchAfter } : {}),
    },
  };
}

const LOG_SCHEMAS = {
  configuration: KubeBenchLogSchema,
  penetration: KubeHunterLogSchema,
  conformance: SonobuoyLogSchema,
} as const;

/** Palette's day-2 endpoints over one scope's HTTP layer. */
export function paletteFeaturesOver(http: PaletteHttp): PaletteFeatures {
  const cluster = (uid: string) => `/v1/spectroclusters/${segment(uid)}`;
  const features = (uid: string) => `${cluster(uid)}/features`;
  return {
    async clusterBackups(uid, requestUid) {
      try {
        return await http.json(
          {
            method: 'GET',
            path: `${features(uid)}/backup`,
            ...(requestUid ? { query: { backupRequestUid: requestUid } } : {}),
          },
          ClusterBackupSchema,
        );
      } catch (error) {
        if (isNotFound(error)) return { backups: [] };
        throw error;
      }
    },

    saveBackupPolicy: (uid, policy, { exists }) =>
      http.send({
        method: exists ? 'PUT' : 'POST',
        path: `${features(uid)}/backup`,
        body: backupConfigBody(policy),
      }),

    startBackup: async (uid, policy, backupName) => {
      const { schedule: _onDemandHasNone, ...settings } = policy;
      const answer = await http.json(
        {
          method: 'POST',
          path: `${features(uid)}/backup/onDemand`,
          body: { ...backupConfigBody(settings), schedule: undefined, backupName },
          retry: 'create',
        },
        UidSchema,
      );
      return { requestUid: answer.uid };
    },

    backupLocations: () => http.json({ method: 'GET', path: '/v1/users/assets/locations' }, LocationsSchema),

    async scanSchedules(uid) {
      try {
        return await http.json(
          { method: 'GET', path: `${features(uid)}/complianceScan` },
          ScanSchedulesSchema,
        );
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    saveScanSchedules: (uid, schedules, { exists }) =>
      http.send({
        method: exists ? 'PUT' : 'POST',
        path: `${features(uid)}/complianceScan`,
        body: scanSchedulesBody(schedules),
      }),

    startScan: async (uid, kinds) => {
      const body = Object.fromEntries(kinds.map((kind) => [SCAN_DRIVER[kind], { runScan: true }]));
      const answer = await http.json(
        { method: 'POST', path: `${features(uid)}/complianceScan/onDemand`, body, retry: 'create' },
        UidSchema,
      );
      return { requestUid: answer.uid };
    },

    scanRuns: (uid) =>
      http.json({ method: 'GET', path: `${features(uid)}/complianceScan/logs/drivers` }, ScanLogsSchema),

    scanReport: (uid, kind, logUid) =>
      http.json(
        {
          method: 'GET',
          path: `${features(uid)}/complianceScan/logs/${segment(logUid)}/drivers/${SCAN_DRIVER[kind]}`,
        },
        LOG_SCHEMAS[kind],
      ),

    async osPatch(uid) {
      try {
        return await http.json({ method: 'GET', path: cluster(uid) }, ClusterOsPatchSchema);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    setOsPatch: (uid, settings) =>
      http.send({
        method: 'PATCH',
        path: `${cluster(uid)}/clusterConfig/osPatch`,
        body: osPatchBody(settings),
      }),
  };
}
