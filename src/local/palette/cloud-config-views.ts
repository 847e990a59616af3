import { iso } from './clock';
import { machinesAt } from './lifecycle';
import type { ClusterRecord, PoolRecord, SimNode } from './model';
import type { SimRuntime } from './runtime';

/** Palette's views of a cluster's MAAS cloud config (v1MaasCloudConfig) and a pool's machines (v1MaasMachine). */

/** One pool as `v1MaasMachinePoolConfig`: the pool config and its MAAS placement, flattened. */
function poolConfigView(pool: PoolRecord) {
  const { poolConfig, cloudConfig } = pool.entity;
  return {
    ...poolConfig,
    isControlPlane: pool.isControlPlane,
    size: pool.size,
    instanceType: cloudConfig.instanceType,
    resourcePool: cloudConfig.resourcePool,
    azs: cloudConfig.azs ?? [],
    tags: cloudConfig.tags ?? [],
    machinePoolProperties: { archType: 'amd64' as const },
  };
}

/** `v1MaasCloudConfig` (GET /v1/cloudconfigs/maas/{configUid}). */
export function cloudConfigView(sim: SimRuntime, cluster: ClusterRecord, t: number) {
  const account = sim.catalog.accounts.find((candidate) => candidate.uid === cluster.accountUid);
  return {
    apiVersion: 'v1',
    kind: 'MaasCloudConfig',
    metadata: {
      uid: cluster.configUid,
      name: cluster.name,
      creationTimestamp: iso(cluster.createdAt),
      lastModifiedTimestamp: iso(
        Math.max(cluster.createdAt, ...cluster.scales.map((scale) => scale.at).filter((at) => at <= t)),
      ),
    },
    spec: {
      cloudAccountRef: { kind: 'MaasCloudAccount', name: account?.name ?? '', uid: cluster.accountUid },
      clusterConfig: { domain: cluster.domain },
      machinePoolConfig: cluster.pools.map(poolConfigView),
    },
    status: { conditions: [] },
  };
}

function instanceState(node: SimNode, t: number): 'Provisioning' | 'Running' | 'Deleting' {
  if (node.deletingAt !== undefined && node.deletingAt <= t) return 'Deleting';
  return node.readyAt <= t ? 'Running' : 'Provisioning';
}

/** `v1MaasMachine` items of a pool at `t`: machines created and not yet released. */
export function machinesView(pool: PoolRecord, t: number) {
  return machinesAt(pool, t).map((node) => {
    const state = instanceState(node, t);
    return {
      apiVersion: 'v1',
      kind: 'MaasMachine',
      metadata: {
        uid: node.uid,
        name: node.name,
        labels: { ...(pool.entity.poolConfig.additionalLabels ?? {}) },
        creationTimestamp: iso(node.createdAt),
      },
      spec: {
        hostname: node.hostname,
        az: node.az,
        nics: [{ index: 0, privateIPs: [node.ip] }],
        machineMetadata: { creationTimestamp: iso(node.createdAt) },
      },
      status: {
        instanceState: state,
        instanceStateLastUpdate: iso(
          Math.max(node.createdAt, ...[node.readyAt, node.deletingAt ?? 0].filter((at) => at <= t)),
        ),
        ready: state === 'Running',
        addresses: [{ type: 'InternalIP', address: node.ip }],
        health: { state: state === 'Running' ? 'Healthy' : 'Unknown' },
        ...(node.maintenance
          ? {
              maintenanceStatus: {
                action: node.maintenance.action,
                state: 'Completed',
                message: `${node.maintenance.action === 'cordon' ? 'Cordoned' : 'Uncordoned'} at ${iso(node.maintenance.at)}`,
              },
            }
          : {}),
      },
    };
  });
}
