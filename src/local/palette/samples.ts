import type { MaasClusterBody } from './schemas';
import type { Catalog } from './seed';

/** Options for a sample create body. */
export interface SampleOptions {
  accountUid?: string;
  profileUid?: string;
  domain?: string;
  controlPlaneSize?: 1 | 3 | 5;
  workers?: number;
  labels?: Record<string, string>;
}

/**
 * A create body (`v1SpectroMaasClusterEntity`) for the seed's first MAAS account and profile, shaped as the
 * bot builds them: one control-plane pool and one worker pool. Used by `seedClusters` and by tests.
 */
export function sampleClusterBody(
  catalog: Catalog,
  name: string,
  options: SampleOptions = {},
): MaasClusterBody {
  const account =
    catalog.accounts.find((candidate) => candidate.uid === options.accountUid) ?? catalog.accounts[0];
  const profile =
    catalog.profiles.find((candidate) => candidate.uid === options.profileUid) ??
    catalog.profiles.find((candidate) => candidate.cloudType === 'maas');
  return {
    metadata: { name, labels: options.labels ?? {}, annotations: { description: `Sample cluster ${name}` } },
    spec: {
      cloudType: 'maas',
      cloudAccountUid: account?.uid ?? '',
      cloudConfig: { domain: options.domain ?? account?.domains[0] ?? 'maas.lab' },
      profiles: [{ uid: profile?.uid ?? '' }],
      machinepoolconfig: [
        {
          cloudConfig: {
            instanceType: { minCPU: 4, minMemInMB: 8192, minDiskSizeInGB: 60 },
            resourcePool: 'default',
            azs: ['az1'],
          },
          poolConfig: {
            name: 'control-plane-pool',
            size: options.controlPlaneSize ?? 1,
            labels: ['control-plane'],
            isControlPlane: true,
            useControlPlaneAsWorker: false,
          },
        },
        {
          cloudConfig: {
            instanceType: { minCPU: 8, minMemInMB: 16384, minDiskSizeInGB: 100 },
            resourcePool: 'default',
            azs: ['az1', 'az2'],
          },
          poolConfig: {
            name: 'worker-pool',
            size: options.workers ?? 2,
            labels: ['worker'],
            isControlPlane: false,
            updateStrategy: { type: 'RollingUpdateScaleOut' },
          },
        },
      ],
    },
  };
}
