import type { ClusterSpec, ControlPlanePool, Management, WorkerPool } from '../domain/spec';
import type { MaasMachinePoolConfigEntity, PackValuesEntity, SpectroMaasClusterEntity } from './entities';
import type { ProfilePack } from './port';
import { mergePackValues, PackValuesError } from './values';

/** Palette's value for a tag without one: bare tags become `key: "spectro__tag"` labels. */
export const BARE_TAG_VALUE = 'spectro__tag';

/** Pack types the spec's v1PackType allows in packValues. */
const PACK_TYPES = new Set(['spectro', 'helm', 'manifest', 'oci']);

/** The role a pool plays; its Palette `labels` are exactly this, as Palette's Terraform provider sends them. */
export type PoolRole = 'control-plane' | 'worker';

/** Rolling update choices as Palette names them (v1UpdateStrategy.type). */
export const UPDATE_STRATEGY = {
  'expand-first': 'RollingUpdateScaleOut',
  'contract-first': 'RollingUpdateScaleIn',
} as const;
/** A MAAS pool's v1UpdateStrategy.type. */
export type UpdateStrategyType = (typeof UPDATE_STRATEGY)[keyof typeof UPDATE_STRATEGY];

/**
 * One machine pool as Palette takes it (v1MaasMachinePoolConfigEntity), for create and for a resize's PUT.
 * The control plane's `useControlPlaneAsWorker` is "Allow worker capability"; a worker pool gets its rolling
 * update; node labels go to `additionalLabels`; disk size is `minDiskSizeInGB`.
 */
export function buildMachinePoolEntity(
  pool: ControlPlanePool,
  role: 'control-plane',
): MaasMachinePoolConfigEntity;
export function buildMachinePoolEntity(pool: WorkerPool, role: 'worker'): MaasMachinePoolConfigEntity;
export function buildMachinePoolEntity(
  pool: ControlPlanePool | WorkerPool,
  role: PoolRole,
): MaasMachinePoolConfigEntity {
  const isControlPlane = role === 'control-plane';
  return {
    cloudConfig: {
      instanceType: {
        minCPU: pool.instanceType.minCPU,
        minMemInMB: pool.instanceType.minMemInMB,
        minDiskSizeInGB: pool.diskSizeGiB,
      },
      resourcePool: pool.resourcePool,
      ...(pool.azs.length > 0 ? { azs: [...pool.azs] } : {}),
      ...(pool.machineTags && pool.machineTags.length > 0 ? { tags: [...pool.machineTags] } : {}),
    },
    poolConfig: {
      name: pool.name,
      size: pool.size,
      labels: [role],
      isControlPlane,
      useControlPlaneAsWorker: 'allowWorkerCapability' in pool && pool.allowWorkerCapability,
      ...(pool.labels.length > 0
        ? { additionalLabels: Object.fromEntries(pool.labels.map((label) => [label.key, label.value])) }
        : {}),
      ...(pool.taints.length > 0
        ? { taints: pool.taints.map(({ key, value, effect }) => ({ key, value, effect })) }
        : {}),
      ...('rollingUpdate' in pool ? { updateStrategy: { type: UPDATE_STRATEGY[pool.rollingUpdate] } } : {}),
    },
  };
}

/** Each pack with overrides, its values.yaml merged; packs without overrides keep the profile's values. */
function packValues(spec: ClusterSpec, packs: readonly ProfilePack[]): PackValuesEntity[] {
  const byPack = new Map<string, ClusterSpec['packOverrides']>();
  for (const override of spec.packOverrides)
    byPack.set(override.pack, [...(byPack.get(override.pack) ?? []), override]);
  return [...byPack].map(([name, overrides]) => {
    const pack = packs.find((candidate) => candidate.name === name);
    if (!pack)
      throw new PackValuesError(`Pack "${name}" is not in the chosen profile; pick the profile again.`);
    let values: string;
    try {
      values = mergePackValues(pack.values, overrides);
    } catch (error) {
      throw error instanceof PackValuesError
        ? new PackValuesError(`Pack "${name}": ${error.message}`)
        : error;
    }
    return {
      name: pack.name,
      ...(pack.tag ? { tag: pack.tag } : {}),
      ...(pack.type && PACK_TYPES.has(pack.type) ? { type: pack.type } : {}),
      values,
    };
  });
}

/** Management (the console's step 6): OS patching under clusterConfig, scans and backups under policies. */
function management(
  spec: Management | undefined,
): Pick<SpectroMaasClusterEntity['spec'], 'clusterConfig' | 'policies'> {
  const schedule = (cron: string | undefined) =>
    cron ? { schedule: { scheduledRunTime: cron } } : undefined;
  const scans = spec?.scans && {
    ...(spec.scans.configuration ? { kubeBench: schedule(spec.scans.configuration) } : {}),
    ...(spec.scans.penetration ? { kubeHunter: schedule(spec.scans.penetration) } : {}),
    ...(spec.scans.conformance ? { sonobuoy: schedule(spec.scans.conformance) } : {}),
  };
  const backup = spec?.backup && {
    backupLocationName: spec.backup.locationName,
    backupPrefix: spec.backup.prefix,
    schedule: { scheduledRunTime: spec.backup.schedule },
    durationInHours: spec.backup.expiryHours,
    includeAllDisks: spec.backup.includeAllDisks,
    includeClusterResources: spec.backup.includeClusterResources,
    ...(spec.backup.namespaces.length > 0 ? { namespaces: [...new Set(spec.backup.namespaces)] } : {}),
  };
  const policies = {
    ...(scans && Object.keys(scans).length > 0 ? { scanPolicy: scans } : {}),
    ...(backup ? { backupPolicy: backup } : {}),
  };
  return {
    ...(spec?.osPatch
      ? {
          clusterConfig: {
            machineManagementConfig: {
              osPatchConfig: {
                ...(spec.osPatch.schedule ? { schedule: spec.osPatch.schedule } : {}),
                patchOnBoot: spec.osPatch.patchOnBoot,
                rebootIfRequired: spec.osPatch.rebootIfRequired,
              },
            },
          },
        }
      : {}),
    ...(Object.keys(policies).length > 0 ? { policies } : {}),
  };
}

/**
 * The create body (v1SpectroMaasClusterEntity) for a cluster spec, given the profile's packs (for their
 * values.yaml). Tags become `metadata.labels` (bare tag → "spectro__tag"), the description the annotation
 * `description`; the control plane is the first pool.
 */
export function buildCreateBody(spec: ClusterSpec, packs: readonly ProfilePack[]): SpectroMaasClusterEntity {
  const labels = Object.fromEntries(spec.tags.map((tag) => [tag.key, tag.value ?? BARE_TAG_VALUE]));
  const overridden = packValues(spec, packs);
  return {
    metadata: {
      name: spec.name,
      ...(spec.tags.length > 0 ? { labels } : {}),
      ...(spec.description.trim() ? { annotations: { description: spec.description } } : {}),
    },
    spec: {
      cloudType: 'maas',
      cloudAccountUid: spec.cloudAccountUid,
      cloudConfig: { domain: spec.domain },
      profiles: [{ uid: spec.profileUid, ...(overridden.length > 0 ? { packValues: overridden } : {}) }],
      machinepoolconfig: [
        buildMachinePoolEntity(spec.controlPlane, 'control-plane'),
        ...spec.workerPools.map((pool) => buildMachinePoolEntity(pool, 'worker')),
      ],
      ...management(spec.management),
    },
  };
}
