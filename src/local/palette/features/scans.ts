import { iso } from '../clock';
import type { Refusal } from '../errors';
import { newUid, stableUid } from '../ids';
import type { ClusterRecord } from '../model';
import { featuresOf } from './backups';
import { SCAN_DRIVERS, type ScanDriver, type ScanRun } from './model';
import { kubeBenchReports, kubeHunterReports, sonobuoyReports } from './reports';

/** The label that makes every scan of a cluster fail (a tag `sim.scan-fails`). */
export const SCAN_FAILS_LABEL = 'sim.scan-fails';

/** The refusal Palette answers for a cluster without a scan policy. */
export function scanNotConfigured(cluster: ClusterRecord): Refusal {
  return {
    status: 404,
    code: 'ComplianceScanNotConfigured',
    message: `Compliance scan is not configured for the cluster '${cluster.name}'`,
  };
}

/**
 * Starts on-demand runs of `drivers` at `t` (each taking `durationMs(driver)`), one request for all; refuses
 * while a run of one of them is still going, as Palette does.
 */
export function startScans(
  cluster: ClusterRecord,
  drivers: readonly ScanDriver[],
  t: number,
  durationMs: (driver: ScanDriver) => number,
): ScanRun[] | Refusal {
  if (drivers.length === 0) {
    return { status: 400, code: 'InvalidRequest', message: 'Set runScan: true for at least one driver' };
  }
  const features = featuresOf(cluster);
  const running = features.scans.find((run) => drivers.includes(run.driver) && t < run.endsAt);
  if (running) {
    return {
      status: 409,
      code: 'ComplianceScanInProgress',
      message: `A ${running.driver} scan of the cluster '${cluster.name}' is already in progress`,
    };
  }
  const requestUid = newUid();
  const runs = drivers.map((driver) => ({
    requestUid,
    logUid: newUid(),
    driver,
    requestedAt: t,
    endsAt: t + durationMs(driver),
    failed: SCAN_FAILS_LABEL in cluster.labels,
  }));
  features.scans.push(...runs);
  return runs;
}

const FAILURE: Record<ScanDriver, string> = {
  kubeBench: 'kube-bench job failed: pod kube-bench-master could not be scheduled: 0/3 nodes are available',
  kubeHunter: 'kube-hunter job failed: back-off restarting failed container',
  sonobuoy: 'sonobuoy run failed: e2e plugin timed out after 2h0m0s',
};

function stateOf(run: ScanRun, t: number): string {
  if (t < run.endsAt) return 'InProgress';
  return run.failed ? 'Failed' : 'Completed';
}

function reportsOf(cluster: ClusterRecord, run: ScanRun) {
  if (run.driver === 'kubeBench') return kubeBenchReports(run.endsAt);
  if (run.driver === 'kubeHunter') return kubeHunterReports(cluster, run.endsAt);
  return sonobuoyReports(cluster);
}

/** One driver log (`v1ClusterScanLogKubeBench|KubeHunter|Sonobuoy`) at `t`; reports once it completed. */
export function scanLogView(cluster: ClusterRecord, run: ScanRun, t: number, withReports: boolean) {
  const state = stateOf(run, t);
  return {
    metadata: {
      uid: run.logUid,
      name: `${cluster.name}-${run.driver}`,
      creationTimestamp: iso(run.requestedAt),
    },
    spec: { clusterUid: cluster.uid, driverType: run.driver },
    status: {
      actor: { actorType: 'user', uid: '' },
      requestUid: run.requestUid,
      state,
      scanTime: {
        startTime: iso(run.requestedAt),
        ...(state === 'InProgress' ? {} : { endTime: iso(run.endsAt) }),
      },
      ...(state === 'Failed' ? { message: FAILURE[run.driver] } : {}),
      ...(withReports && state === 'Completed' ? { reports: reportsOf(cluster, run) } : {}),
    },
  };
}

/** `v1ClusterComplianceScanLogs` at `t`: each driver's runs, newest first, without their reports. */
export function scanLogsView(cluster: ClusterRecord, t: number) {
  const runs = featuresOf(cluster)
    .scans.filter((run) => run.requestedAt <= t)
    .sort((a, b) => b.requestedAt - a.requestedAt);
  const of = (driver: ScanDriver) =>
    runs.filter((run) => run.driver === driver).map((run) => scanLogView(cluster, run, t, false));
  return { kubeBenchLogs: of('kubeBench'), kubeHunterLogs: of('kubeHunter'), sonobuoyLogs: of('sonobuoy') };
}

/** `v1ClusterComplianceScan`: the scan policy's schedule per driver. */
export function scanView(cluster: ClusterRecord) {
  const scan = featuresOf(cluster).scan;
  const driverSpec = Object.fromEntries(
    SCAN_DRIVERS.flatMap((driver) => {
      const schedule = scan?.config[driver]?.schedule;
      return schedule ? [[driver, { config: { schedule }, isClusterConfig: true }]] : [];
    }),
  );
  return {
    metadata: {
      uid: stableUid('complianceScan', cluster.uid),
      name: cluster.name,
      ...(scan ? { lastModifiedTimestamp: iso(scan.updatedAt) } : {}),
    },
    spec: { clusterUid: cluster.uid, driverSpec },
  };
}
