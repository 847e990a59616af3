import type { Context } from 'hono';
import { Hono } from 'hono';
import { readBody } from '../body';
import { notFound, type Refusal, refuse } from '../errors';
import {
  backupNotConfigured,
  backupView,
  featuresOf,
  resolveLocation,
  startBackup,
} from '../features/backups';
import { SCAN_DRIVERS, type ScanDriver } from '../features/model';
import { featureMs } from '../features/pace';
import { scanLogsView, scanLogView, scanNotConfigured, scanView, startScans } from '../features/scans';
import {
  BackupConfigSchema,
  OsPatchSchema,
  ScanOnDemandSchema,
  ScanScheduleSchema,
} from '../features/schemas';
import { stateAt } from '../lifecycle';
import { operation } from '../middleware';
import type { ClusterRecord } from '../model';
import type { SimRuntime } from '../runtime';

/** The `logs/{logUid}/drivers/{driver}` path segment of each driver. */
const DRIVER_SEGMENTS: Record<string, ScanDriver> = {
  kubeBench: 'kubeBench',
  kubeHunter: 'kubeHunter',
  sonobuoy: 'sonobuoy',
};

/**
 * `/v1/spectroclusters/{uid}/features/…` and `/clusterConfig/osPatch`: a running cluster's backup and scan
 * policies, on-demand backups and scans followed through their logs, and its OS patch config.
 */
export function featureRoutes(sim: SimRuntime): Hono {
  const app = new Hono();

  /** The cluster of the path, or the 404 answered. */
  const clusterOf = (c: Context): ClusterRecord | Response => {
    const cluster = sim.store.get(c.req.param('uid') ?? '', sim.now());
    return cluster ?? refuse(c, notFound('SpectroCluster', c.req.param('uid') ?? ''));
  };
  /** The running cluster of the path a change needs, or the refusal answered. */
  const runningClusterOf = (c: Context): ClusterRecord | Response => {
    const cluster = clusterOf(c);
    if (cluster instanceof Response) return cluster;
    const state = stateAt(cluster, sim.now());
    if (state === 'Running') return cluster;
    return refuse(c, {
      status: 409,
      code: 'ClusterNotRunning',
      message: `Cluster '${cluster.name}' is ${state}: day-2 operations need a Running cluster`,
    });
  };
  const answer = (c: Context, outcome: Refusal | undefined, created?: string) => {
    if (outcome) return refuse(c, outcome);
    sim.store.keepChanges();
    return created === undefined ? c.body(null, 204) : c.json({ uid: created }, 201);
  };

  app.get('/:uid/features/backup', operation(sim, 'backupGet'), (c) => {
    const cluster = clusterOf(c);
    if (cluster instanceof Response) return cluster;
    const features = featuresOf(cluster);
    if (!features.backup && features.backups.length === 0) return refuse(c, backupNotConfigured(cluster));
    return c.json(backupView(cluster, sim.now(), c.req.query('backupRequestUid')), 200);
  });

  const writeBackupPolicy = (method: 'create' | 'update') => async (c: Context) => {
    const cluster = runningClusterOf(c);
    if (cluster instanceof Response) return cluster;
    const body = await readBody(c, sim, 'v1ClusterBackupConfig', BackupConfigSchema);
    if (!body.ok) return body.response;
    const features = featuresOf(cluster);
    if (method === 'create' && features.backup) {
      return refuse(c, {
        status: 409,
        code: 'BackupAlreadyConfigured',
        message: `Backup is already configured for the cluster '${cluster.name}': update it instead`,
      });
    }
    if (method === 'update' && !features.backup) return refuse(c, backupNotConfigured(cluster));
    const location = resolveLocation(body.value);
    if ('status' in location) return refuse(c, location);
    const config = {
      ...body.value,
      backupLocationUid: location.uid,
      backupLocationName: location.name,
      locationType: location.storage,
    };
    features.backup = { config, location, updatedAt: sim.now() };
    return answer(c, undefined, method === 'create' ? cluster.uid : undefined);
  };
  app.post('/:uid/features/backup', operation(sim, 'backupCreate'), writeBackupPolicy('create'));
  app.put('/:uid/features/backup', operation(sim, 'backupUpdate'), writeBackupPolicy('update'));

  app.post('/:uid/features/backup/onDemand', operation(sim, 'backupOnDemand'), async (c) => {
    const cluster = runningClusterOf(c);
    if (cluster instanceof Response) return cluster;
    const body = await readBody(c, sim, 'v1ClusterBackupConfig', BackupConfigSchema);
    if (!body.ok) return body.response;
    const run = startBackup(cluster, body.value, sim.now(), featureMs(sim, 'backup'));
    if ('status' in run) return refuse(c, run);
    return answer(c, undefined, run.requestUid);
  });

  app.get('/:uid/features/complianceScan', operation(sim, 'scanGet'), (c) => {
    const cluster = clusterOf(c);
    if (cluster instanceof Response) return cluster;
    if (!featuresOf(cluster).scan) return refuse(c, scanNotConfigured(cluster));
    return c.json(scanView(cluster), 200);
  });

  const writeScanPolicy = (method: 'create' | 'update') => async (c: Context) => {
    const cluster = runningClusterOf(c);
    if (cluster instanceof Response) return cluster;
    const body = await readBody(c, sim, 'v1ClusterComplianceScheduleConfig', ScanScheduleSchema);
    if (!body.ok) return body.response;
    const features = featuresOf(cluster);
    if (method === 'create' && features.scan) {
      return refuse(c, {
        status: 409,
        code: 'ComplianceScanAlreadyConfigured',
        message: `Compliance scan is already configured for the cluster '${cluster.name}': update it instead`,
      });
    }
    if (method === 'update' && !features.scan) return refuse(c, scanNotConfigured(cluster));
    features.scan = { config: body.value, updatedAt: sim.now() };
    return answer(c, undefined, method === 'create' ? cluster.uid : undefined);
  };
  app.post('/:uid/features/complianceScan', operation(sim, 'scanCreate'), writeScanPolicy('create'));
  app.put('/:uid/features/complianceScan', operation(sim, 'scanUpdate'), writeScanPolicy('update'));

  app.post('/:uid/features/complianceScan/onDemand', operation(sim, 'scanOnDemand'), async (c) => {
    const cluster = runningClusterOf(c);
    if (cluster instanceof Response) return cluster;
    const body = await readBody(c, sim, 'v1ClusterComplianceOnDemandConfig', ScanOnDemandSchema);
    if (!body.ok) return body.response;
    if (body.value.syft?.runScan) {
      return refuse(c, {
        status: 400,
        code: 'InvalidRequest',
        message: 'SBOM (syft) scans are not available here',
      });
    }
    const drivers = SCAN_DRIVERS.filter((driver) => body.value[driver]?.runScan === true);
    const runs = startScans(cluster, drivers, sim.now(), (driver) => featureMs(sim, driver));
    if ('status' in runs) return refuse(c, runs);
    return answer(c, undefined, runs[0]!.requestUid);
  });

  app.get('/:uid/features/complianceScan/logs/drivers', operation(sim, 'scanLogs'), (c) => {
    const cluster = clusterOf(c);
    if (cluster instanceof Response) return cluster;
    return c.json(scanLogsView(cluster, sim.now()), 200);
  });

  app.get('/:uid/features/complianceScan/logs/:logUid/drivers/:driver', operation(sim, 'scanLog'), (c) => {
    const cluster = clusterOf(c);
    if (cluster instanceof Response) return cluster;
    const driver = DRIVER_SEGMENTS[c.req.param('driver')];
    const run = featuresOf(cluster).scans.find(
      (candidate) => candidate.logUid === c.req.param('logUid') && candidate.driver === driver,
    );
    if (!run) return refuse(c, notFound('ComplianceScanLog', c.req.param('logUid')));
    return c.json(scanLogView(cluster, run, sim.now(), true), 200);
  });

  app.patch('/:uid/clusterConfig/osPatch', operation(sim, 'osPatch'), async (c) => {
    const cluster = runningClusterOf(c);
    if (cluster instanceof Response) return cluster;
    const body = await readBody(c, sim, 'v1OsPatchEntity', OsPatchSchema);
    if (!body.ok) return body.response;
    const { onDemandPatchAfter, ...config } = body.value.osPatchConfig;
    if (onDemandPatchAfter !== undefined && Number.isNaN(Date.parse(onDemandPatchAfter))) {
      return refuse(c, {
        status: 400,
        code: 'InvalidRequest',
        message: 'osPatchConfig.onDemandPatchAfter must be an RFC 3339 time',
      });
    }
    // Palette replaces the whole config: what the body leaves out is unset (booleans false).
    featuresOf(cluster).osPatch = {
      ...(config.schedule ? { schedule: config.schedule } : {}),
      patchOnBoot: config.patchOnBoot ?? false,
      rebootIfRequired: config.rebootIfRequired ?? false,
      ...(onDemandPatchAfter ? { onDemandPatchAfter } : {}),
    };
    return answer(c, undefined);
  });

  return app;
}
