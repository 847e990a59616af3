import { iso } from './clock';
import type { SimRuntime } from './runtime';
import type { Catalog, SeedAccount, SeedGateway, SeedPack, SeedProfile } from './seed';

/** Palette's views of the seed: MAAS accounts and their properties, cluster profiles, gateways. */

/** `v1MaasAccount`; the MAAS API key is masked, as Palette masks it. */
export function accountView(account: SeedAccount) {
  return {
    apiVersion: 'v1',
    kind: 'MaasCloudAccount',
    metadata: {
      uid: account.uid,
      name: account.name,
      annotations: { overlordUid: account.overlordUid, overlordType: 'maas', scope: 'project' },
      creationTimestamp: account.createdAt,
      lastModifiedTimestamp: account.createdAt,
    },
    spec: {
      apiEndpoint: account.apiEndpoint,
      apiKey: '*****************',
      preferredSubnets: account.subnets
        .filter((subnet) => subnet.space === 'management')
        .map((subnet) => subnet.name),
    },
    status: { state: 'Running' },
  };
}

/** `v1MaasSubnet` items of an account. */
export function subnetsView(account: SeedAccount) {
  return account.subnets.map((subnet) => ({
    id: subnet.id,
    name: subnet.name,
    space: subnet.space,
    vlans: subnet.vlan,
  }));
}

/** `v1MaasTag` items of an account. */
export function tagsView(account: SeedAccount) {
  return account.tags.map((tag) => ({
    name: tag.name,
    comment: tag.comment,
    definition: tag.definition,
    kernelOpts: '',
    resourceUri: `/MAAS/api/2.0/tags/${tag.name}/`,
  }));
}

/** A pack as Palette lists it in a profile (`v1PackRef`), with the cluster's own values when it overrode them. */
export function packRef(catalog: Catalog, pack: SeedPack, values: string = pack.values) {
  return {
    name: pack.name,
    tag: pack.tag,
    version: pack.tag,
    type: 'spectro' as const,
    layer: pack.layer,
    registryUid: catalog.registryUid,
    packUid: pack.packUid,
    values,
  };
}

function profileMetadata(profile: SeedProfile) {
  return {
    uid: profile.uid,
    name: profile.name,
    annotations: { description: profile.description, scope: 'project' },
    labels: {},
    creationTimestamp: profile.createdAt,
    lastModifiedTimestamp: profile.createdAt,
  };
}

/** `v1ClusterProfile` (GET /v1/clusterprofiles/{uid}). */
export function profileView(catalog: Catalog, profile: SeedProfile) {
  return {
    apiVersion: 'v1',
    kind: 'ClusterProfile',
    metadata: profileMetadata(profile),
    spec: {
      published: {
        uid: profile.uid,
        name: profile.name,
        cloudType: profile.cloudType,
        type: profile.type,
        profileVersion: profile.version,
        packs: profile.packs.map((pack) => packRef(catalog, pack)),
      },
      version: profile.version,
      versions: [{ uid: profile.uid, version: profile.version }],
    },
    status: { isPublished: true, hasUserMacros: profile.variables.length > 0, inUseClusters: [] },
  };
}

/** `v1ClusterProfileSummary` (a row of the dashboard profiles list). */
export function profileSummaryView(profile: SeedProfile) {
  return {
    metadata: profileMetadata(profile),
    specSummary: {
      published: {
        cloudType: profile.cloudType,
        type: profile.type,
        packs: profile.packs.map((pack) => ({
          name: pack.name,
          displayName: pack.displayName,
          tag: pack.tag,
          version: pack.tag,
          layer: pack.layer,
          type: 'spectro',
          packUid: pack.packUid,
          ...(pack.addonType ? { addonType: pack.addonType } : {}),
        })),
      },
      version: profile.version,
      versions: [{ uid: profile.uid, version: profile.version }],
    },
    status: { isPublished: true, fips: { mode: 'none' }, pack: { deleted: 0, deprecated: 0, disabled: 0 } },
  };
}

/** `v1ClusterProfilePacksEntities` items (GET /v1/clusterprofiles/{uid}/packs). */
export function profilePacksView(catalog: Catalog, profile: SeedProfile) {
  return profile.packs.map((pack) => ({
    metadata: { uid: pack.packUid, name: pack.name },
    spec: {
      name: pack.name,
      displayName: pack.displayName,
      version: pack.tag,
      layer: pack.layer,
      type: 'spectro' as const,
      registryUid: catalog.registryUid,
      cloudTypes: [profile.cloudType],
      values: pack.values,
      ...(pack.addonType ? { addonType: pack.addonType } : {}),
    },
    status: {},
  }));
}

/** `v1Variables` (GET /v1/clusterprofiles/{uid}/variables). */
export function variablesView(profile: SeedProfile) {
  return {
    variables: profile.variables.map((variable) => ({
      ...variable,
      hidden: false,
      immutable: false,
      isSensitive: false,
      inputType: 'text' as const,
    })),
  };
}

/** `v1Overlord`; the heartbeat is counted back from now, so a healthy gateway stays fresh. */
export function overlordView(sim: SimRuntime, gateway: SeedGateway, t: number) {
  const heartbeat = t - gateway.heartbeatAgeSeconds * 1000;
  return {
    kind: 'Overlord',
    metadata: {
      uid: gateway.uid,
      name: gateway.name,
      annotations: { overlordType: 'maas' },
      labels: {},
      creationTimestamp: gateway.createdAt,
      lastModifiedTimestamp: iso(heartbeat),
    },
    spec: {
      cloudAccountUid: gateway.accountUid,
      spectroClusterUid: gateway.clusterUid,
      ipAddress: gateway.ipAddress,
      isSelfHosted: false,
      isSystem: false,
      tenantUid: '5f9a3d1e7c2b4a6d8e0f1a2b',
    },
    status: {
      state: gateway.healthy ? 'Running' : 'Unknown',
      isActive: true,
      isReady: gateway.healthy,
      health: {
        state: gateway.healthy ? 'Healthy' : 'UnHealthy',
        agentVersion: sim.catalog.agentVersion,
        lastHeartBeatTimestamp: iso(heartbeat),
        conditions: gateway.healthy
          ? []
          : [{ type: 'Heartbeat', message: `No heartbeat from the gateway since ${iso(heartbeat)}` }],
      },
      notifications: { isAvailable: false },
    },
  };
}
