/**
 * Zod schemas for Palette's answers, each mapping the raw shape (spec definition named in its comment) to the
 * port's type. Tolerant: unknown fields are dropped, and Go's `null` for an empty list or a missing object is
 * read as absent.
 */
import { z } from 'zod';
import { TAINT_EFFECTS } from '../domain/spec';
import { UPDATE_STRATEGY } from './build';
import type { MaasMachinePoolConfigEntity } from './entities';
import type {
  CloudAccount,
  CloudConfig,
  ClusterEvent,
  ClusterInfo,
  ClusterOverview,
  ClusterSummary,
  CostEstimate,
  Gateway,
  HealthProblem,
  Page,
  PoolMachine,
  ProfilePack,
  ProfileSummary,
  ProfileVariable,
  ValidationResult,
} from './port';

/** An optional field Palette may send as null. */
export const opt = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value) => value ?? undefined);
/** A list Palette may send as null or leave out. */
export const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((value): z.output<T>[] => value ?? []);
/** A string Palette may send as null. */
export const text = opt(z.string());
/** A number Palette may send as null (0). */
export const count = z
  .number()
  .nullish()
  .transform((value) => value ?? 0);
/** A boolean Palette may send as null (false). */
export const flag = z
  .boolean()
  .nullish()
  .transform((value) => value ?? false);
const stringMap = z
  .record(z.string(), z.string())
  .nullish()
  .transform((value): Record<string, string> => value ?? {});

/** v1ObjectMeta of a resource the bot refers to by uid. */
const Meta = z.object({
  uid: z.string(),
  name: z.string(),
  labels: stringMap,
  annotations: stringMap,
  creationTimestamp: text,
  deletionTimestamp: text,
});
/** v1ObjectMeta where Palette may leave the uid or name out (events, list rows of less importance). */
const LooseMeta = opt(
  z.object({ uid: text, name: text, creationTimestamp: text, lastModifiedTimestamp: text }),
);
const ListMeta = opt(z.object({ continue: text }));
const HealthState = opt(
  z.object({
    state: text,
    lastHeartBeatTimestamp: text,
    conditions: list(z.object({ type: text, message: text })),
  }),
);
const NotificationStatus = opt(z.object({ isAvailable: flag }));

/** The health conditions of an unhealthy cluster and whether updates are offered, when there are any. */
const careOf = (
  health: z.output<typeof HealthState>,
  notifications: z.output<typeof NotificationStatus>,
): { healthProblems?: HealthProblem[]; updatesAvailable?: true } => {
  const problems = (health?.conditions ?? []).map((condition) => ({
    type: condition.type ?? 'Unknown',
    message: condition.message ?? '',
  }));
  return {
    ...(problems.length > 0 ? { healthProblems: problems } : {}),
    ...(notifications?.isAvailable ? { updatesAvailable: true } : {}),
  };
};

/** A `{items, listmeta}` list answer, as one page. */
const page = <T extends z.ZodType>(item: T) =>
  z
    .object({ items: list(item), listmeta: ListMeta })
    .transform(
      (raw): Page<z.output<T>> => ({ items: raw.items, continue: raw.listmeta?.continue || undefined }),
    );

/** v1ClusterProfilesSummary (POST /v1/dashboard/clusterprofiles). */
export const ProfilesPageSchema = page(
  z
    .object({
      metadata: Meta,
      specSummary: opt(
        z.object({
          version: text,
          published: opt(z.object({ type: text })),
          draft: opt(z.object({ type: text })),
        }),
      ),
    })
    .transform(
      (raw): ProfileSummary => ({
        uid: raw.metadata.uid,
        name: raw.metadata.name,
        version: raw.specSummary?.version,
        type: raw.specSummary?.published?.type ?? raw.specSummary?.draft?.type,
      }),
    ),
);

/** v1ClusterProfilePacksEntities (GET /v1/clusterprofiles/{uid}/packs). */
export const ProfilePacksSchema = z
  .object({
    items: list(
      z.object({
        metadata: opt(z.object({ name: text })),
        spec: z.object({ name: text, version: text, type: text, layer: text, values: text }),
      }),
    ),
  })
  .transform((raw): ProfilePack[] =>
    raw.items.map((pack) => ({
      name: pack.spec.name ?? pack.metadata?.name ?? '',
      tag: pack.spec.version,
      type: pack.spec.type,
      layer: pack.spec.layer,
      values: pack.spec.values ?? '',
    })),
  );

/** v1Variables (GET /v1/clusterprofiles/{uid}/variables); hidden variables are not for people to set. */
export const ProfileVariablesSchema = z
  .object({
    variables: list(
      z.object({
        name: z.string(),
        displayName: text,
        description: text,
        required: flag,
        hidden: flag,
        defaultValue: text,
      }),
    ),
  })
  .transform((raw): ProfileVariable[] =>
    raw.variables
      .filter((variable) => !variable.hidden)
      .map((variable) => ({
        name: variable.name,
        displayName: variable.displayName,
        description: variable.description,
        required: variable.required,
        defaultValue: variable.defaultValue,
      })),
  );

/** v1MaasAccounts (GET /v1/cloudaccounts/maas); a private-cloud account names its gateway in an annotation. */
export const AccountsPageSchema = page(
  z.object({ metadata: Meta }).transform(
    (raw): CloudAccount => ({
      uid: raw.metadata.uid,
      name: raw.metadata.name,
      overlordUid: raw.metadata.annotations.overlordUid,
    }),
  ),
);

/** v1MaasDomains, v1MaasZones, v1MaasPools, v1MaasSubnets, v1MaasTags: the names of the items. */
export const NamesSchema = z
  .object({ items: list(z.object({ name: text })) })
  .transform((raw) => raw.items.flatMap((item) => (item.name ? [item.name] : [])));

const ConstraintResults = opt(
  z.object({
    results: list(
      z.object({ name: text, displayName: text, errors: list(z.object({ code: text, message: text })) }),
    ),
  }),
);

/** Problems of a v1ConstraintValidatorResponse, each prefixed with what it is about. */
function constraintMessages(response: z.output<typeof ConstraintResults>): string[] {
  return (response?.results ?? []).flatMap((result) => {
    const about = result.displayName || result.name;
    return result.errors.map((error) => {
      const message = error.message || error.code || 'invalid';
      return about ? `${about}: ${message}` : message;
    });
  });
}

/** v1SpectroClusterValidatorResponse (POST /v1/spectroclusters/maas/validate). */
export const ValidationSchema = z
  .object({ machinePools: ConstraintResults, profiles: list(z.object({ packs: ConstraintResults })) })
  .transform((raw): ValidationResult => {
    const messages = [
      ...constraintMessages(raw.machinePools),
      ...raw.profiles.flatMap((profile) => constraintMessages(profile.packs)),
    ];
    return { ok: messages.length === 0, messages };
  });

/** Palette's rates carry no currency; its pricing is in US dollars. */
const RATE_CURRENCY = 'USD';

/** v1SpectroClusterRate (POST /v1/spectroclusters/maas/rate?periodType=monthly). */
export const RateSchema = z
  .object({
    rate: opt(z.object({ total: count })),
    machinePools: list(z.object({ name: text, rate: opt(z.object({ total: count })) })),
  })
  .transform(
    (raw): CostEstimate => ({
      currency: RATE_CURRENCY,
      total: raw.rate?.total ?? 0,
      pools: raw.machinePools.map((pool) => ({ name: pool.name ?? '', total: pool.rate?.total ?? 0 })),
    }),
  );

/** v1Uid (201 of POST /v1/spectroclusters/maas). */
export const UidSchema = z.object({ uid: z.string().min(1) });

/** v1SpectroCluster (GET /v1/spectroclusters/{uid}). */
export const ClusterSchema = z
  .object({
    metadata: Meta,
    spec: opt(z.object({ cloudConfigRef: opt(z.object({ uid: text })) })),
    status: opt(z.object({ state: text })),
  })
  .transform(
    (raw): ClusterInfo => ({
      uid: raw.metadata.uid,
      name: raw.metadata.name,
      state: raw.status?.state || 'Unknown',
      cloudConfigUid: raw.spec?.cloudConfigRef?.uid,
      labels: raw.metadata.labels,
      createdAt: raw.metadata.creationTimestamp,
      deletedAt: raw.metadata.deletionTimestamp,
    }),
  );

/** v1SpectroClusterUidSummary (GET /v1/dashboard/spectroclusters/{uid}/overview); pools are v1MachinePoolMeta. */
export const OverviewSchema = z
  .object({
    metadata: Meta,
    spec: opt(
      z.object({
        cloudConfig: opt(
          z.object({ machinePools: list(z.object({ size: count, healthy: count, isControlPlane: flag })) }),
        ),
      }),
    ),
    status: opt(z.object({ state: text, health: HealthState, notifications: NotificationStatus })),
  })
  .transform(
    (raw): ClusterOverview => ({
      uid: raw.metadata.uid,
      name: raw.metadata.name,
      state: raw.status?.state || 'Unknown',
      health: raw.status?.health?.state || undefined,
      ...careOf(raw.status?.health, raw.status?.notifications),
      // The overview names no pool: Palette's order is kept so callers can match the create order.
      pools: (raw.spec?.cloudConfig?.machinePools ?? []).map((pool) => ({
        isControlPlane: pool.isControlPlane,
        desired: pool.size,
        ready: pool.healthy,
      })),
    }),
  );

/** v1Events (GET /v1/events/components/spectrocluster/{uid}). */
export const EventsPageSchema = page(
  z.object({ metadata: LooseMeta, severity: text, reason: text, message: text }).transform(
    (raw): ClusterEvent => ({
      uid: raw.metadata?.uid ?? '',
      at: raw.metadata?.creationTimestamp ?? raw.metadata?.lastModifiedTimestamp ?? '',
      severity: raw.severity ?? 'Normal',
      reason: raw.reason ?? '',
      message: raw.message ?? '',
    }),
  ),
);

/** v1SpectroClustersSummary (POST /v1/dashboard/spectroclusters/search). */
export const ClusterSearchPageSchema = page(
  z
    .object({
      metadata: Meta,
      specSummary: opt(z.object({ cloudConfig: opt(z.object({ cloudType: text })) })),
      status: opt(
        z.object({
          state: text,
          health: HealthState,
          notifications: NotificationStatus,
          repave: opt(z.object({ state: text })),
        }),
      ),
    })
    .transform(
      (raw): ClusterSummary => ({
        uid: raw.metadata.uid,
        name: raw.metadata.name,
        state: raw.status?.state || 'Unknown',
        health: raw.status?.health?.state || undefined,
        ...careOf(raw.status?.health, raw.status?.notifications),
        ...(raw.status?.repave?.state ? { repaveState: raw.status.repave.state } : {}),
        cloudType: raw.specSummary?.cloudConfig?.cloudType,
        createdAt: raw.metadata.creationTimestamp,
      }),
    ),
);

const Taint = z.object({
  key: z.string(),
  value: z
    .string()
    .nullish()
    .transform((value) => value ?? ''),
  effect: z.enum(TAINT_EFFECTS),
});

/**
 * One v1MaasMachinePoolConfig of a cloud config. Every field the pool entity can carry is read, so the pool PUT
 * back on a resize loses nothing Palette (or someone in its console) set.
 */
const MaasPool = z
  .object({
    name: z.string(),
    size: count,
    labels: list(z.string()),
    isControlPlane: flag,
    useControlPlaneAsWorker: flag,
    additionalLabels: opt(z.record(z.string(), z.string())),
    additionalTags: opt(z.record(z.string(), z.string())),
    taints: opt(z.array(Taint)),
    // OverrideScaling, maxSurge, maxUnavailable, additionalAnnotations and overrideKubeadmConfiguration are
    // CloudStack-only per the spec: a MAAS pool has none of them.
    updateStrategy: z
      .object({ type: z.enum(UPDATE_STRATEGY) })
      .nullish()
      .catch(undefined)
      .transform((value) => value ?? undefined),
    minSize: opt(z.number()),
    maxSize: opt(z.number()),
    nodeRepaveInterval: opt(z.number()),
    skipK8sUpgrade: opt(z.enum(['enabled', 'disabled'])),
    machinePoolProperties: opt(z.object({ archType: opt(z.enum(['amd64', 'arm64'])) })),
    // Cloud (MAAS) side of the pool.
    instanceType: z.object({ minCPU: count, minMemInMB: count, minDiskSizeInGB: count }),
    resourcePool: z
      .string()
      .nullish()
      .transform((value) => value ?? ''),
    azs: opt(z.array(z.string())),
    tags: opt(z.array(z.string())),
    useLxdVm: opt(z.boolean()),
    network: opt(
      z.object({
        networkName: z.string(),
        staticIp: opt(z.boolean()),
        parentPoolRef: opt(z.object({ uid: text })),
      }),
    ),
  })
  .transform((raw): MaasMachinePoolConfigEntity => {
    const { instanceType, resourcePool, azs, tags, useLxdVm, network, ...poolConfig } = raw;
    return {
      cloudConfig: {
        instanceType,
        resourcePool,
        ...(azs ? { azs } : {}),
        ...(tags ? { tags } : {}),
        ...(useLxdVm !== undefined ? { useLxdVm } : {}),
        ...(network
          ? {
              network: {
                networkName: network.networkName,
                ...(network.staticIp !== undefined ? { staticIp: network.staticIp } : {}),
                ...(network.parentPoolRef?.uid ? { parentPoolUid: network.parentPoolRef.uid } : {}),
              },
            }
          : {}),
      },
      poolConfig: withoutUndefined(poolConfig),
    };
  });

/** The object without its undefined fields, so what is PUT back is what Palette sent. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/** v1MaasCloudConfig (GET /v1/cloudconfigs/maas/{configUid}). */
export const CloudConfigSchema = z
  .object({
    metadata: z.object({ uid: z.string() }),
    spec: opt(z.object({ machinePoolConfig: list(MaasPool) })),
  })
  .transform(
    (raw): CloudConfig => ({
      uid: raw.metadata.uid,
      pools: (raw.spec?.machinePoolConfig ?? []).map((entity) => ({
        name: entity.poolConfig.name,
        size: entity.poolConfig.size,
        isControlPlane: entity.poolConfig.isControlPlane,
        entity,
      })),
    }),
  );

/** v1MaasMachines (GET /v1/cloudconfigs/maas/{configUid}/machinePools/{name}/machines), without the pool name. */
export const MachinesPageSchema = page(
  z
    .object({
      metadata: Meta,
      spec: opt(z.object({ hostname: text })),
      status: opt(z.object({ instanceState: text })),
    })
    .transform(
      (raw): Omit<PoolMachine, 'pool'> => ({
        uid: raw.metadata.uid,
        name: raw.metadata.name,
        state: raw.status?.instanceState,
        hostname: raw.spec?.hostname,
      }),
    ),
);

/** A gateway as GET /v1/overlords lists it; its node count comes from its own cluster (see the client). */
export type OverlordRow = Omit<Gateway, 'nodeCount'> & { spectroClusterUid?: string };

/** v1Overlords (GET /v1/overlords). */
export const OverlordsSchema = z
  .object({
    items: list(
      z.object({
        metadata: Meta,
        spec: opt(z.object({ spectroClusterUid: text })),
        status: opt(z.object({ state: text, health: HealthState })),
      }),
    ),
  })
  .transform((raw): OverlordRow[] =>
    raw.items.map((overlord) => ({
      uid: overlord.metadata.uid,
      name: overlord.metadata.name,
      state: overlord.status?.state || 'Unknown',
      // `kind` is just "Overlord"; the gateway's cloud type is in an annotation.
      cloudType: overlord.metadata.annotations.overlordType,
      lastHeartbeat: overlord.status?.health?.lastHeartBeatTimestamp,
      spectroClusterUid: overlord.spec?.spectroClusterUid || undefined,
    })),
  );

/** v1PairingCode (GET /v1/overlords/pairing/code). */
export const PairingCodeSchema = z
  .object({ pairingCode: z.string().min(1) })
  .transform((raw) => raw.pairingCode);
