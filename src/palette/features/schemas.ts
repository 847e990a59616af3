/** Zod schemas for Palette's day-2 answers (spec definition named in each comment), tolerant like ../schemas. */
import { z } from 'zod';
import { count, flag, list, opt, text } from '../schemas';
import type {
  BackupLocation,
  BackupPolicy,
  BackupRecord,
  ClusterBackups,
  OsPatchSettings,
  ScanKind,
  ScanReport,
  ScanRun,
  ScanSchedules,
} from './types';

const record = <T extends z.ZodType>(item: T) =>
  z
    .record(z.string(), item)
    .nullish()
    .transform((value): Record<string, z.output<T>> => value ?? {});
const Schedule = opt(z.object({ scheduledRunTime: text }));

/** v1ClusterBackupConfig, as the bot's policy. */
const BackupConfig = z
  .object({
    backupLocationUid: text,
    backupLocationName: text,
    backupPrefix: text,
    durationInHours: opt(z.number()),
    includeAllDisks: flag,
    includeClusterResources: flag,
    includeClusterResourceMode: text,
    namespaces: list(z.string()),
    schedule: Schedule,
  })
  .transform(
    (raw): BackupPolicy => ({
      locationUid: raw.backupLocationUid,
      locationName: raw.backupLocationName,
      prefix: raw.backupPrefix,
      schedule: raw.schedule?.scheduledRunTime || undefined,
      expiryHours: raw.durationInHours,
      namespaces: raw.namespaces,
      includeAllDisks: raw.includeAllDisks,
      includeClusterResources: raw.includeClusterResources || raw.includeClusterResourceMode === 'Always',
    }),
  );

/** v1ClusterBackupStatusMeta → one record per backup (its first status meta). */
const BackupStatus = z
  .object({
    backupRequestUid: z.string(),
    state: text,
    actor: opt(z.object({ actorType: text })),
    backupStatusMeta: list(
      z.object({
        backupName: text,
        backupState: opt(z.object({ state: text, backupTime: text, msg: text })),
        backupedNamespaces: list(z.string()),
        expiryDate: text,
      }),
    ),
  })
  .transform((raw): BackupRecord => {
    const meta = raw.backupStatusMeta[0];
    return {
      requestUid: raw.backupRequestUid,
      name: meta?.backupName,
      state: meta?.backupState?.state || raw.state || 'Unknown',
      at: meta?.backupState?.backupTime,
      expiresAt: meta?.expiryDate,
      namespaces: meta?.backupedNamespaces ?? [],
      message: meta?.backupState?.msg || undefined,
      onDemand: raw.actor?.actorType !== 'schedule',
    };
  });

/** v1ClusterBackup (GET …/features/backup). */
export const ClusterBackupSchema = z
  .object({
    spec: opt(z.object({ config: opt(BackupConfig) })),
    status: opt(z.object({ clusterBackupStatuses: list(BackupStatus) })),
  })
  .transform(
    (raw): ClusterBackups => ({
      ...(raw.spec?.config ? { policy: raw.spec.config } : {}),
      backups: raw.status?.clusterBackupStatuses ?? [],
    }),
  );

/** v1UserAssetsLocations. */
export const LocationsSchema = z
  .object({
    items: list(
      z.object({
        metadata: z.object({ uid: z.string(), name: z.string() }),
        spec: opt(z.object({ storage: text, type: text, isDefault: flag })),
      }),
    ),
  })
  .transform((raw): BackupLocation[] =>
    raw.items.map((item) => ({
      uid: item.metadata.uid,
      name: item.metadata.name,
      storage: item.spec?.storage ?? item.spec?.type,
      isDefault: item.spec?.isDefault ?? false,
    })),
  );

const DRIVER_KINDS: Record<string, ScanKind> = {
  kubeBench: 'configuration',
  kubeHunter: 'penetration',
  sonobuoy: 'conformance',
};

/** v1ClusterComplianceScan: the schedule of each driver. */
export const ScanSchedulesSchema = z
  .object({
    spec: opt(z.object({ driverSpec: record(z.object({ config: opt(z.object({ schedule: Schedule })) })) })),
  })
  .transform((raw): ScanSchedules => {
    const schedules: ScanSchedules = {};
    for (const [driver, spec] of Object.entries(raw.spec?.driverSpec ?? {})) {
      const kind = DRIVER_KINDS[driver];
      const cron = spec.config?.schedule?.scheduledRunTime;
      if (kind && cron) schedules[kind] = cron;
    }
    return schedules;
  });

/** The status every driver log shares (v1ClusterKubeBenchLogStatus and its siblings). */
const logStatus = <T extends z.ZodType>(report: T) =>
  opt(
    z.object({
      requestUid: text,
      state: text,
      message: text,
      scanTime: opt(z.object({ startTime: text, endTime: text })),
      reports: record(report),
    }),
  );

/** A run with its report (none until it completed). */
export interface ScanResult {
  run: ScanRun;
  report?: ScanReport;
}

/** `reports` when there are any, undefined otherwise (a run still going or failed has none). */
const noneIfEmpty = (reports: Record<string, unknown>) =>
  Object.keys(reports).length > 0 ? reports : undefined;

/** A driver log as a run of `kind`, with its raw reports. */
const driverLog = <T extends z.ZodType>(kind: ScanKind, report: T) =>
  z
    .object({ metadata: z.object({ uid: z.string() }), status: logStatus(report) })
    .transform((raw): { run: ScanRun; reports: Record<string, z.output<T>> } => ({
      run: {
        kind,
        logUid: raw.metadata.uid,
        requestUid: raw.status?.requestUid,
        state: raw.status?.state || 'Unknown',
        startedAt: raw.status?.scanTime?.startTime,
        endedAt: raw.status?.scanTime?.endTime,
        message: raw.status?.message || undefined,
      },
      reports: raw.status?.reports ?? {},
    }));

const BenchReport = z.object({
  name: text,
  pass: count,
  fail: count,
  warn: count,
  info: count,
  logs: list(z.object({ testId: text, description: text, state: text, remediation: text })),
});
const HunterReport = z.object({
  vulnerabilites: opt(z.object({ high: count, medium: count, low: count })),
  logs: list(z.object({ testId: text, vulnerability: text, severity: text })),
});
const SonobuoyReport = z.object({
  plugin: text,
  status: text,
  pass: count,
  fail: count,
  total: count,
  logs: list(z.object({ description: text, state: text })),
});

/** v1ClusterScanLogKubeBench → the configuration run and its checks per target. */
export const KubeBenchLogSchema = driverLog('configuration', BenchReport).transform(
  ({ run, reports }): ScanResult => ({
    run,
    report: noneIfEmpty(reports) && {
      kind: 'configuration',
      targets: Object.entries(reports).map(([key, target]) => ({
        name: target.name ?? key,
        pass: target.pass,
        fail: target.fail,
        warn: target.warn,
        info: target.info,
        checks: target.logs.map((check) => ({
          testId: check.testId ?? '',
          description: check.description ?? '',
          state: check.state ?? '',
          remediation: check.remediation,
        })),
      })),
    },
  }),
);

/** v1ClusterScanLogKubeHunter → the penetration run, its counts by severity and its findings. */
export const KubeHunterLogSchema = driverLog('penetration', HunterReport).transform(
  ({ run, reports }): ScanResult => {
    const all = Object.values(reports);
    const sum = (severity: 'high' | 'medium' | 'low') =>
      all.reduce((total, report) => total + (report.vulnerabilites?.[severity] ?? 0), 0);
    return {
      run,
      report: noneIfEmpty(reports) && {
        kind: 'penetration',
        counts: { high: sum('high'), medium: sum('medium'), low: sum('low') },
        findings: all.flatMap((report) =>
          report.logs.map((finding) => ({
            testId: finding.testId ?? '',
            vulnerability: finding.vulnerability ?? '',
            severity: finding.severity ?? '',
          })),
        ),
      },
    };
  },
);

/** v1ClusterScanLogSonobuoy → the conformance run and its plugins. */
export const SonobuoyLogSchema = driverLog('conformance', SonobuoyReport).transform(
  ({ run, reports }): ScanResult => ({
    run,
    report: noneIfEmpty(reports) && {
      kind: 'conformance',
      plugins: Object.entries(reports).map(([key, plugin]) => ({
        plugin: plugin.plugin ?? key,
        status: plugin.status,
        pass: plugin.pass,
        fail: plugin.fail,
        total: plugin.total,
        failures: plugin.logs.filter((log) => log.state === 'failed').map((log) => log.description ?? ''),
      })),
    },
  }),
);

/** v1ClusterComplianceScanLogs → every run (no reports). */
export const ScanLogsSchema = z
  .object({
    kubeBenchLogs: list(driverLog('configuration', z.unknown())),
    kubeHunterLogs: list(driverLog('penetration', z.unknown())),
    sonobuoyLogs: list(driverLog('conformance', z.unknown())),
  })
  .transform((raw): ScanRun[] =>
    [...raw.kubeBenchLogs, ...raw.kubeHunterLogs, ...raw.sonobuoyLogs].map((log) => log.run),
  );

/** v1SpectroCluster's OS patch config (spec.clusterConfig.machineManagementConfig.osPatchConfig). */
export const ClusterOsPatchSchema = z
  .object({
    spec: opt(
      z.object({
        clusterConfig: opt(
          z.object({
            machineManagementConfig: opt(
              z.object({
                osPatchConfig: opt(
                  z.object({
                    schedule: text,
                    patchOnBoot: flag,
                    rebootIfRequired: flag,
                    onDemandPatchAfter: text,
                  }),
                ),
              }),
            ),
          }),
        ),
      }),
    ),
  })
  .transform((raw): OsPatchSettings => {
    const config = raw.spec?.clusterConfig?.machineManagementConfig?.osPatchConfig;
    return {
      ...(config?.schedule ? { schedule: config.schedule } : {}),
      patchOnBoot: config?.patchOnBoot ?? false,
      rebootIfRequired: config?.rebootIfRequired ?? false,
      ...(config?.onDemandPatchAfter ? { onDemandPatchAfter: config.onDemandPatchAfter } : {}),
    };
  });
