import type { Pace } from './clock';
import { stableUid } from './ids';
import type { ClusterRecord, PoolRecord, SimNode } from './model';

/** One event of a cluster, derived from its planned timeline. */
export interface SimEvent {
  uid: string;
  at: number;
  reason: string;
  message: string;
  severity: 'Info' | 'Warning';
  /** What the event is about: the cluster itself or one of its machines. */
  involved: { kind: 'SpectroCluster' | 'Machine'; name: string; uid: string };
  component: string;
}

type Draft = Omit<SimEvent, 'uid' | 'involved' | 'component'> & { node?: SimNode };

function nodeEvents(pool: PoolRecord): Draft[] {
  return pool.nodes.flatMap((node) => {
    const drafts: Draft[] = [
      {
        at: node.createdAt,
        reason: 'CreatingMachine',
        severity: 'Info',
        message: `Creating machine ${node.name} in pool ${pool.name} (zone ${node.az}, resource pool ${pool.entity.cloudConfig.resourcePool})`,
        node,
      },
      {
        at: node.readyAt,
        reason: 'NodeReady',
        severity: 'Info',
        message: `Node ${node.name} is ready`,
        node,
      },
    ];
    if (node.deletingAt !== undefined) {
      drafts.push({
        at: node.deletingAt,
        reason: 'DeletingMachine',
        severity: 'Info',
        message: `Deleting machine ${node.name} from pool ${pool.name}`,
        node,
      });
    }
    if (node.deletedAt !== undefined) {
      drafts.push({
        at: node.deletedAt,
        reason: 'MachineDeleted',
        severity: 'Info',
        message: `Machine ${node.name} (${node.hostname}) released to MAAS`,
        node,
      });
    }
    return drafts;
  });
}

function deletionEvents(cluster: ClusterRecord, pace: Pace): Draft[] {
  const deletion = cluster.deletion;
  if (!deletion) return [];
  const drafts: Draft[] = [
    deletion.aborted
      ? {
          at: deletion.requestedAt,
          reason: 'ProvisioningAborted',
          severity: 'Warning',
          message: `Provisioning of cluster ${cluster.name} aborted: deleting the machines created so far`,
        }
      : {
          at: deletion.requestedAt,
          reason: 'DeletionStarted',
          severity: 'Info',
          message: `Deleting cluster ${cluster.name}`,
        },
  ];
  if (cluster.sticky) {
    drafts.push({
      at: deletion.requestedAt + pace.stuckNotice,
      reason: 'DeletionWaiting',
      severity: 'Warning',
      message: `Cluster ${cluster.name} is waiting for MAAS to release its machines; force delete leaves them allocated`,
    });
  }
  if (deletion.forcedAt !== undefined) {
    const left = cluster.pools.flatMap((pool) =>
      pool.nodes.filter((node) => node.deletedAt === Number.POSITIVE_INFINITY),
    );
    drafts.push({
      at: deletion.forcedAt,
      reason: 'ForceDeleted',
      severity: 'Warning',
      message:
        `Cluster ${cluster.name} force deleted` +
        (left.length
          ? `; machines left allocated in MAAS: ${left.map((node) => node.hostname).join(', ')}`
          : ''),
    });
  } else {
    drafts.push({
      at: deletion.deletedAt,
      reason: 'ClusterDeleted',
      severity: 'Info',
      message: `Cluster ${cluster.name} deleted`,
    });
  }
  return drafts;
}

/** Every event of a cluster up to `t`, newest first (ties: the later step first). */
export function clusterEvents(cluster: ClusterRecord, t: number, pace: Pace): SimEvent[] {
  const machineCount = cluster.plannedMachines;
  const drafts: Draft[] = [
    {
      at: cluster.createdAt,
      reason: 'ClusterCreated',
      severity: 'Info',
      message: `Cluster ${cluster.name} created`,
    },
    {
      at: cluster.pendingUntil,
      reason: 'ProvisioningStarted',
      severity: 'Info',
      message: `Provisioning ${machineCount} machines in ${cluster.pools.length} pools in domain ${cluster.domain}`,
    },
    // Before the machines: at the same instant, the resize comes first and its machines after it.
    ...cluster.scales.map((scale) => ({
      at: scale.at,
      reason: 'MachinePoolScaling',
      severity: 'Info' as const,
      message: `Scaling machine pool ${scale.pool} from ${scale.from} to ${scale.to} nodes`,
    })),
    ...cluster.pools.flatMap(nodeEvents),
    {
      at: cluster.runningAt,
      reason: 'ClusterRunning',
      severity: 'Info',
      message: `Cluster ${cluster.name} is running: all ${machineCount} nodes are ready`,
    },
    ...deletionEvents(cluster, pace),
  ];
  return drafts
    .map((draft, order) => ({ draft, order }))
    .filter(({ draft }) => draft.at <= t)
    .sort((a, b) => b.draft.at - a.draft.at || b.order - a.order)
    .map(({ draft: { node, ...event } }) => ({
      ...event,
      uid: stableUid(cluster.uid, event.reason, event.at, node?.uid ?? event.message),
      involved: node
        ? { kind: 'Machine' as const, name: node.name, uid: node.uid }
        : { kind: 'SpectroCluster' as const, name: cluster.name, uid: cluster.uid },
      component: node ? 'maas-provider' : 'cluster-controller',
    }));
}
