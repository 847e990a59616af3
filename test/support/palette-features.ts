import { expect } from 'vitest';
import type { SampleOptions } from '../../src/local/palette/samples';
import type { MaasClusterBody } from '../../src/local/palette/schemas';

/** What the simulator's op-list test gives: a raw HTTP call, its clock, and a cluster create. */
export interface FeatureHarness {
  call: <T>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;
  advance: (seconds: number) => void;
  create: (name: string, options?: SampleOptions, edit?: (body: MaasClusterBody) => void) => Promise<string>;
}

/** A backup config as the bot sends it (v1ClusterBackupConfig). */
export const BACKUP_CONFIG = {
  backupLocationName: 'lab-minio',
  backupPrefix: 'nightly',
  durationInHours: 72,
  includeAllDisks: false,
  includeClusterResources: true,
  namespaces: ['default', 'apps'],
  schedule: { scheduledRunTime: '0 2 * * *' },
};

/** Scan schedules for every driver (v1ClusterComplianceScheduleConfig). */
export const SCAN_SCHEDULES = {
  kubeBench: { schedule: { scheduledRunTime: '0 3 * * SUN' } },
  kubeHunter: { schedule: { scheduledRunTime: '0 4 * * SUN' } },
  sonobuoy: { schedule: { scheduledRunTime: '0 5 1 * *' } },
};

/**
 * The requests for the day-2 feature operations (backups, compliance scans, OS patching, locations, one machine
 * and its maintenance), for the "implements every operation" test. `uid` is a running cluster without policies
 * (POSTs go there); a second running cluster gets its policies at create (GET and PUT read and change them) and a
 * finished on-demand scan whose logs the driver reads use.
 */
export async function featureRequests(
  { call, advance, create }: FeatureHarness,
  uid: string,
  configUid: string,
): Promise<Record<string, [string, string, unknown?]>> {
  const managed = await create('conformance-managed', {}, (body) => {
    body.spec.policies = { backupPolicy: BACKUP_CONFIG, scanPolicy: SCAN_SCHEDULES };
  });
  advance(600);
  const scan = await call<{ uid: string }>(
    'POST',
    `/v1/spectroclusters/${managed}/features/complianceScan/onDemand`,
    {
      kubeBench: { runScan: true },
      kubeHunter: { runScan: true },
      sonobuoy: { runScan: true },
    },
  );
  expect(scan.status).toBe(201);
  advance(600);
  const logs = await call<Record<string, { metadata: { uid: string } }[]>>(
    'GET',
    `/v1/spectroclusters/${managed}/features/complianceScan/logs/drivers`,
  );
  const logUid = (driver: string) => logs.body[`${driver}Logs`]![0]!.metadata.uid;
  const machines = await call<{ items: { metadata: { uid: string } }[] }>(
    'GET',
    `/v1/cloudconfigs/maas/${configUid}/machinePools/worker-pool/machines`,
  );
  const machine = machines.body.items[0]!.metadata.uid;
  const features = (cluster: string) => `/v1/spectroclusters/${cluster}/features`;
  const logPath = (driver: string) =>
    `${features(managed)}/complianceScan/logs/${logUid(driver)}/drivers/${driver}`;
  return {
    v1ClusterFeatureBackupGet: ['GET', `${features(managed)}/backup`],
    v1ClusterFeatureBackupUpdate: [
      'PUT',
      `${features(managed)}/backup`,
      { ...BACKUP_CONFIG, durationInHours: 24 },
    ],
    v1ClusterFeatureBackupCreate: ['POST', `${features(uid)}/backup`, BACKUP_CONFIG],
    v1ClusterFeatureBackupOnDemandCreate: [
      'POST',
      `${features(uid)}/backup/onDemand`,
      { ...BACKUP_CONFIG, backupName: 'before-upgrade', schedule: undefined },
    ],
    v1ClusterFeatureComplianceScanGet: ['GET', `${features(managed)}/complianceScan`],
    v1ClusterFeatureComplianceScanUpdate: ['PUT', `${features(managed)}/complianceScan`, SCAN_SCHEDULES],
    v1ClusterFeatureComplianceScanCreate: ['POST', `${features(uid)}/complianceScan`, SCAN_SCHEDULES],
    v1ClusterFeatureComplianceScanLogsGet: ['GET', `${features(managed)}/complianceScan/logs/drivers`],
    v1ClusterFeatureKubeBenchLogGet: ['GET', logPath('kubeBench')],
    v1ClusterFeatureKubeHunterLogGet: ['GET', logPath('kubeHunter')],
    v1ClusterFeatureSonobuoyLogGet: ['GET', logPath('sonobuoy')],
    v1ClusterFeatureComplianceScanOnDemandCreate: [
      'POST',
      `${features(uid)}/complianceScan/onDemand`,
      { kubeBench: { runScan: true } },
    ],
    v1SpectroClustersUidOsPatchUpdate: [
      'PATCH',
      `/v1/spectroclusters/${uid}/clusterConfig/osPatch`,
      { osPatchConfig: { schedule: '0 1 * * SAT', patchOnBoot: true, rebootIfRequired: false } },
    ],
    v1UsersAssetsLocationGet: ['GET', '/v1/users/assets/locations'],
    v1CloudConfigsMaasPoolMachinesUidGet: [
      'GET',
      `/v1/cloudconfigs/maas/${configUid}/machinePools/worker-pool/machines/${machine}`,
    ],
    v1CloudConfigsMachinePoolsMachineUidMaintenanceUpdate: [
      'PUT',
      `/v1/cloudconfigs/maas/${configUid}/machinePools/worker-pool/machines/${machine}/maintenance`,
      { action: 'cordon' },
    ],
  };
}
