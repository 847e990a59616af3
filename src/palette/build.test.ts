import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validSpec } from '../../test/support/fixtures';
import { type ClusterSpec, ClusterSpecSchema } from '../domain/spec';
import { loadSpecValidators, paletteSpecMissingReason } from '../local/palette/openapi';
import { BARE_TAG_VALUE, buildCreateBody, buildMachinePoolEntity } from './build';
import type { ProfilePack } from './port';
import { PackValuesError } from './values';

const PACKS: ProfilePack[] = [
  {
    name: 'ubuntu-maas',
    tag: '22.04',
    type: 'spectro',
    layer: 'os',
    values: '# OS\nkubeadmconfig:\n  preKubeadmCommands: []\n',
  },
  {
    name: 'cni-calico',
    tag: '3.27.0',
    type: 'spectro',
    layer: 'cni',
    values: '# Calico\nmanifests:\n  calico:\n    # MTU of the pod network\n    mtu: 1450\n',
  },
  { name: 'custom-chart', tag: '1.0.0', type: 'private-thing', layer: 'addon', values: 'replicas: 1\n' },
];

/** A spec exercising every field: two worker pools, labels, taints, management. */
function fullSpec(): ClusterSpec {
  const base = validSpec();
  return ClusterSpecSchema.parse({
    ...base,
    packOverrides: [
      { pack: 'cni-calico', path: 'manifests.calico.mtu', value: '9000' },
      { pack: 'cni-calico', path: 'manifests.calico.ipip', value: 'false' },
      { pack: 'custom-chart', path: 'replicas', value: '2' },
    ],
    controlPlane: {
      ...base.controlPlane,
      allowWorkerCapability: true,
      labels: [{ key: 'tier', value: 'cp' }],
      taints: [{ key: 'dedicated', value: 'cp', effect: 'NoSchedule' }],
    },
    workerPools: [
      ...base.workerPools,
      {
        name: 'gpu',
        size: 1,
        rollingUpdate: 'contract-first',
        labels: [{ key: 'nvidia.com/gpu', value: 'true' }],
        taints: [{ key: 'gpu', value: '', effect: 'NoExecute' }],
        instanceType: { minCPU: 16, minMemInMB: 65536 },
        azs: [],
        resourcePool: 'gpu',
        diskSizeGiB: 500,
      },
    ],
    management: {
      osPatch: { schedule: '0 2 * * SUN', patchOnBoot: true, rebootIfRequired: false },
      scans: { configuration: '0 3 * * *', conformance: '0 4 1 * *' },
      backup: {
        locationName: 's3-backups',
        prefix: 'team-a',
        schedule: '0 1 * * *',
        expiryHours: 720,
        includeAllDisks: false,
        includeClusterResources: true,
        namespaces: ['default', 'apps'],
      },
    },
  });
}

describe('buildMachinePoolEntity', () => {
  it('maps a control-plane pool: role label, worker capability, instance type with the disk size', () => {
    const spec = fullSpec();
    expect(buildMachinePoolEntity(spec.controlPlane, 'control-plane')).toEqual({
      cloudConfig: {
        instanceType: { minCPU: 4, minMemInMB: 8192, minDiskSizeInGB: 60 },
        resourcePool: 'default',
        azs: ['az1'],
      },
      poolConfig: {
        name: 'control-plane-pool',
        size: 3,
        labels: ['control-plane'],
        isControlPlane: true,
        useControlPlaneAsWorker: true,
        additionalLabels: { tier: 'cp' },
        taints: [{ key: 'dedicated', value: 'cp', effect: 'NoSchedule' }],
      },
    });
  });

  it('maps worker pools with their rolling update, and leaves out empty lists', () => {
    const [app, gpu] = fullSpec().workerPools;
    const appPool = buildMachinePoolEntity(app!, 'worker');
    expect(appPool.poolConfig).toEqual({
      name: 'worker-pool',
      size: 2,
      labels: ['worker'],
      isControlPlane: false,
      useControlPlaneAsWorker: false,
      additionalLabels: { role: 'app' },
      updateStrategy: { type: 'RollingUpdateScaleOut' },
    });
    const gpuPool = buildMachinePoolEntity(gpu!, 'worker');
    expect(gpuPool.poolConfig.updateStrategy).toEqual({ type: 'RollingUpdateScaleIn' });
    expect(gpuPool.cloudConfig).toEqual({
      instanceType: { minCPU: 16, minMemInMB: 65536, minDiskSizeInGB: 500 },
      resourcePool: 'gpu',
    });
  });

  it('sends MAAS machine tags as the pool cloud config tags', () => {
    const pool = { ...fullSpec().workerPools[1]!, machineTags: ['gpu', 'nvme'] };
    expect(buildMachinePoolEntity(pool, 'worker').cloudConfig.tags).toEqual(['gpu', 'nvme']);
  });

  it('builds the same pool for a resize as for create, with the new size', () => {
    const spec = fullSpec();
    const resized = buildMachinePoolEntity({ ...spec.workerPools[0]!, size: 7 }, 'worker');
    const created = buildCreateBody(spec, PACKS).spec.machinepoolconfig[1]!;
    expect(resized).toEqual({ ...created, poolConfig: { ...created.poolConfig, size: 7 } });
  });
});

describe('buildCreateBody', () => {
  const body = buildCreateBody(fullSpec(), PACKS);

  it('puts tags in metadata.labels (a bare tag as spectro__tag) and the description in an annotation', () => {
    expect(body.metadata).toEqual({
      name: 'team-a-dev',
      labels: { team: 'a', dev: BARE_TAG_VALUE },
      annotations: { description: 'Team A development cluster' },
    });
  });

  it('leaves out labels and annotations when there are no tags and no description', () => {
    const bare = buildCreateBody(validSpec({ tags: [], description: '  ' }), PACKS);
    expect(bare.metadata).toEqual({ name: 'team-a-dev' });
  });

  it('places the cluster: MAAS cloud type, account, domain; control plane first', () => {
    expect(body.spec.cloudType).toBe('maas');
    expect(body.spec.cloudAccountUid).toBe('account-1');
    expect(body.spec.cloudConfig).toEqual({ domain: 'maas.lab' });
    expect(
      body.spec.machinepoolconfig.map((pool) => [pool.poolConfig.name, pool.poolConfig.isControlPlane]),
    ).toEqual([
      ['control-plane-pool', true],
      ['worker-pool', false],
      ['gpu', false],
    ]);
  });

  it('sends each overridden pack once with its merged values, and only those packs', () => {
    const [profile] = body.spec.profiles;
    expect(profile!.uid).toBe('profile-1');
    expect(profile!.packValues!.map((pack) => pack.name)).toEqual(['cni-calico', 'custom-chart']);
    const calico = profile!.packValues![0]!;
    expect(calico).toMatchObject({ name: 'cni-calico', tag: '3.27.0', type: 'spectro' });
    expect(parse(calico.values!)).toEqual({ manifests: { calico: { mtu: 9000, ipip: false } } });
    expect(calico.values).toContain('# MTU of the pod network');
    // A pack type outside the spec's enum is left out rather than sent wrong.
    expect(profile!.packValues![1]).not.toHaveProperty('type');
  });

  it('sends no packValues without overrides', () => {
    expect(buildCreateBody(validSpec(), PACKS).spec.profiles).toEqual([{ uid: 'profile-1' }]);
  });

  it('maps management to osPatchConfig, scan and backup policies', () => {
    expect(body.spec.clusterConfig).toEqual({
      machineManagementConfig: {
        osPatchConfig: { schedule: '0 2 * * SUN', patchOnBoot: true, rebootIfRequired: false },
      },
    });
    expect(body.spec.policies).toEqual({
      scanPolicy: {
        kubeBench: { schedule: { scheduledRunTime: '0 3 * * *' } },
        sonobuoy: { schedule: { scheduledRunTime: '0 4 1 * *' } },
      },
      backupPolicy: {
        backupLocationName: 's3-backups',
        backupPrefix: 'team-a',
        schedule: { scheduledRunTime: '0 1 * * *' },
        durationInHours: 720,
        includeAllDisks: false,
        includeClusterResources: true,
        namespaces: ['default', 'apps'],
      },
    });
  });

  it('leaves clusterConfig and policies out without management', () => {
    const plain = buildCreateBody(validSpec(), PACKS);
    expect(plain.spec).not.toHaveProperty('clusterConfig');
    expect(plain.spec).not.toHaveProperty('policies');
  });

  it('refuses an override for a pack the profile does not have, or a bad path, naming the pack', () => {
    const unknown = validSpec({ packOverrides: [{ pack: 'nope', path: 'a', value: '1' }] });
    expect(() => buildCreateBody(unknown, PACKS)).toThrow(
      new PackValuesError('Pack "nope" is not in the chosen profile; pick the profile again.'),
    );
    const through = validSpec({
      packOverrides: [{ pack: 'cni-calico', path: 'manifests.calico.mtu.x', value: '1' }],
    });
    expect(() => buildCreateBody(through, PACKS)).toThrow(/^Pack "cni-calico": "manifests\.calico\.mtu\.x"/);
  });
});

const specMissing = paletteSpecMissingReason();
if (specMissing) console.log(specMissing);

describe.skipIf(specMissing)("create bodies against Palette's spec", () => {
  // Loaded in the tests: a skipped describe still runs its body, without the spec file.
  const check = (body: unknown) => loadSpecValidators()!('v1SpectroMaasClusterEntity')(body);

  it('validates the smallest and the fullest body as v1SpectroMaasClusterEntity', () => {
    expect(check(buildCreateBody(validSpec(), PACKS))).toEqual([]);
    expect(check(buildCreateBody(fullSpec(), PACKS))).toEqual([]);
  });

  it('would catch a body that breaks the spec', () => {
    const broken = buildCreateBody(validSpec(), PACKS);
    const pool = broken.spec.machinepoolconfig[1]!;
    Object.assign(pool.poolConfig, { updateStrategy: { type: 'Sideways' } });
    expect(check(broken).join('\n')).toMatch(/updateStrategy\/type/);
  });
});
