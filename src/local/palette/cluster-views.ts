import { healthView, notificationStatusView, repaveAt } from './care';
import { packRef } from './catalog-views';
import { iso } from './clock';
import { isGone, lastModifiedAt, readyAt, stateAt } from './lifecycle';
import type { ClusterRecord } from './model';
import type { SimRuntime } from './runtime';
import type { Searchable } from './search';

/**
 * Palette's views of a cluster at a moment: v1SpectroCluster (GET), v1SpectroClusterUidSummary (overview),
 * v1SpectroClusterSummary (search rows) and v1SpectroClusterStatusEntity.
 */

function metadata(cluster: ClusterRecord, t: number) {
  const deletion = cluster.deletion;
  return {
    uid: cluster.uid,
    name: cluster.name,
    labels: { ...cluster.labels },
    annotations: { ...cluster.annotations, scope: 'project' },
    creationTimestamp: iso(cluster.createdAt),
    lastModifiedTimestamp: iso(lastModifiedAt(cluster, t)),
    ...(deletion ? { deletionTimestamp: iso(deletion.requestedAt) } : {}),
  };
}

/** The profiles a cluster was created with, pack values overridden as the create body asked. */
function profileTemplates(sim: SimRuntime, cluster: ClusterRecord) {
  return cluster.profiles.flatMap((ref) => {
    const profile = sim.catalog.profiles.find((candidate) => candidate.uid === ref.uid);
    if (!profile) return [];
    const packs = profile.packs.map((pack) => {
      const override = ref.packValues?.find((candidate) => candidate.name === pack.name);
      return packRef(sim.catalog, pack, override?.values);
    });
    return [
      {
        uid: profile.uid,
        name: profile.name,
        type: profile.type,
        cloudType: profile.cloudType,
        profileVersion: profile.version,
        packs,
      },
    ];
  });
}

const health = (sim: SimRuntime, cluster: ClusterRecord, t: number) => healthView(sim.catalog, cluster, t);

/** `status.repave` when Palette holds (or held) a repave. */
function repaveStatus(cluster: ClusterRecord, t: number) {
  const repave = repaveAt(cluster, t);
  return repave ? { repave: { state: repave.state } } : {};
}

function conditions(cluster: ClusterRecord, t: number) {
  const controlPlane = cluster.pools.find((pool) => pool.isControlPlane);
  const controlPlaneReady = controlPlane !== undefined && readyAt(controlPlane, t) >= controlPlane.size;
  const running = stateAt(cluster, t) === 'Running';
  return [
    {
      type: 'ControlPlaneReady',
      status: controlPlaneReady ? 'True' : 'False',
      reason: controlPlaneReady ? 'Ready' : 'WaitingForNodes',
      lastTransitionTime: iso(lastModifiedAt(cluster, t)),
    },
    {
      type: 'Ready',
      status: running ? 'True' : 'False',
      reason: running ? 'Running' : stateAt(cluster, t),
      lastTransitionTime: iso(lastModifiedAt(cluster, t)),
    },
  ];
}

function apiEndpoints(cluster: ClusterRecord, t: number) {
  return stateAt(cluster, t) === 'Running' ? [{ host: `${cluster.name}.${cluster.domain}`, port: 6443 }] : [];
}

/** `v1ClusterConfig`: the OS patch config (create body or PATCH), when there is one. */
function clusterConfigView(cluster: ClusterRecord) {
  const osPatchConfig = cluster.features?.osPatch ?? {};
  return Object.keys(osPatchConfig).length > 0 ? { machineManagementConfig: { osPatchConfig } } : {};
}

/** `v1SpectroCluster` (GET /v1/spectroclusters/{uid}). */
export function spectroClusterView(sim: SimRuntime, cluster: ClusterRecord, t: number) {
  const deletion = cluster.deletion;
  return {
    apiVersion: 'v1',
    kind: 'SpectroCluster',
    metadata: metadata(cluster, t),
    spec: {
      cloudType: 'maas',
      clusterType: 'PureManage',
      cloudConfigRef: { kind: 'MaasCloudConfig', name: cluster.name, uid: cluster.configUid },
      clusterConfig: clusterConfigView(cluster),
      clusterProfileTemplates: profileTemplates(sim, cluster),
    },
    status: {
      state: stateAt(cluster, t),
      ...(deletion?.aborted ? { abortTimestamp: iso(deletion.requestedAt) } : {}),
      apiEndpoints: apiEndpoints(cluster, t),
      conditions: conditions(cluster, t),
      fips: { mode: 'none' },
      ...repaveStatus(cluster, t),
    },
  };
}

/** Each pool's size and ready count (v1MachinePoolMeta), in the create body's order. */
function machinePoolsMeta(cluster: ClusterRecord, t: number) {
  return cluster.pools.map((pool) => ({
    cloudType: 'maas',
    size: pool.size,
    healthy: readyAt(pool, t),
    maintenanceMode: 0,
    isControlPlane: pool.isControlPlane,
    labels: [...pool.entity.poolConfig.labels],
  }));
}

function cloudAccountMeta(sim: SimRuntime, cluster: ClusterRecord) {
  const account = sim.catalog.accounts.find((candidate) => candidate.uid === cluster.accountUid);
  return { uid: cluster.accountUid, name: account?.name ?? '' };
}

function templateMetas(sim: SimRuntime, cluster: ClusterRecord) {
  return profileTemplates(sim, cluster).map(({ profileVersion, ...template }) => ({
    ...template,
    scope: 'project',
  }));
}

/** `v1SpectroClusterUidSummary` (GET /v1/dashboard/spectroclusters/{uid}/overview). */
export function overviewView(sim: SimRuntime, cluster: ClusterRecord, t: number) {
  const deletion = cluster.deletion;
  const templates = templateMetas(sim, cluster);
  const clusterHealth = health(sim, cluster, t);
  return {
    metadata: metadata(cluster, t),
    spec: {
      archTypes: ['amd64'],
      cloudConfig: { cloudType: 'maas', uid: cluster.configUid, machinePools: machinePoolsMeta(cluster, t) },
      cloudaccount: cloudAccountMeta(sim, cluster),
      ...(templates[0] ? { clusterProfileTemplate: templates[0] } : {}),
      clusterProfileTemplates: templates,
    },
    status: {
      state: stateAt(cluster, t),
      ...(deletion?.aborted ? { abortTimestamp: iso(deletion.requestedAt) } : {}),
      ...(clusterHealth ? { health: clusterHealth } : {}),
      apiEndpoints: apiEndpoints(cluster, t),
      conditions: conditions(cluster, t),
      fips: { mode: 'none' },
      notifications: notificationStatusView(cluster, t),
      kubeMeta: {
        hasKubeConfig: stateAt(cluster, t) === 'Running',
        hasKubeConfigClient: stateAt(cluster, t) === 'Running',
        hasManifest: false,
        kubernetesVersion: kubernetesVersion(sim, cluster),
      },
    },
  };
}

function kubernetesVersion(sim: SimRuntime, cluster: ClusterRecord): string {
  const packs = profileTemplates(sim, cluster).flatMap((template) => template.packs);
  return packs.find((pack) => pack.layer === 'k8s')?.tag ?? '';
}

/** `v1SpectroClusterSummary` (a row of the dashboard search). */
export function summaryView(sim: SimRuntime, cluster: ClusterRecord, t: number) {
  const clusterHealth = health(sim, cluster, t);
  return {
    metadata: metadata(cluster, t),
    specSummary: {
      archTypes: ['amd64'],
      cloudAccountMeta: cloudAccountMeta(sim, cluster),
      cloudConfig: { cloudType: 'maas', uid: cluster.configUid, machinePools: machinePoolsMeta(cluster, t) },
      clusterProfileTemplates: templateMetas(sim, cluster),
      projectMeta: { uid: cluster.projectUid, name: cluster.projectUid ? cluster.projectUid : 'Default' },
    },
    status: {
      state: stateAt(cluster, t),
      ...(clusterHealth
        ? {
            health: {
              state: clusterHealth.state,
              lastHeartBeatTimestamp: clusterHealth.lastHeartBeatTimestamp,
              conditions: clusterHealth.conditions,
            },
          }
        : {}),
      fips: { mode: 'none' },
      notifications: notificationStatusView(cluster, t),
      ...repaveStatus(cluster, t),
    },
  };
}

/** `v1SpectroClusterStatusEntity`. */
export function statusView(cluster: ClusterRecord, t: number) {
  return { status: { state: stateAt(cluster, t) } };
}

/** A client kubeconfig for a Running cluster (no real credentials). */
export function kubeconfigView(cluster: ClusterRecord): string {
  const fake = Buffer.from(`simulated certificate of ${cluster.uid}`).toString('base64');
  return `apiVersion: v1
kind: Config
clusters:
  - name: ${cluster.name}
    cluster:
      server: https://${cluster.name}.${cluster.domain}:6443
      certificate-authority-data: ${fake}
contexts:
  - name: ${cluster.name}-oidc@${cluster.name}
    context:
      cluster: ${cluster.name}
      user: ${cluster.name}-oidc
current-context: ${cluster.name}-oidc@${cluster.name}
users:
  - name: ${cluster.name}-oidc
    user:
      exec:
        apiVersion: client.authentication.k8s.io/v1beta1
        command: kubectl
        args: ["oidc-login", "get-token", "--oidc-issuer-url=https://console.spectrocloud.com/v1/oidc/tenant"]
`;
}

/** What the search filters and sorts on. */
export function searchable(cluster: ClusterRecord, t: number): Searchable {
  const state = stateAt(cluster, t);
  return {
    name: cluster.name,
    environment: 'maas',
    state,
    health: state === 'Running' ? (cluster.care?.unhealthy ? 'UnHealthy' : 'Healthy') : '',
    deleted: state === 'Deleted' || isGone(cluster, t),
    labels: cluster.labels,
    createdAt: cluster.createdAt,
    modifiedAt: lastModifiedAt(cluster, t),
  };
}
