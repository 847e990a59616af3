import { defaultRepaveReasons, holdRepave, REPAVE_LABEL } from './care';
import type { Pace } from './clock';
import { iso } from './clock';
import type { Refusal } from './errors';
import { notFound } from './errors';
import { featuresAtCreate } from './features/create';
import { newUid } from './ids';
import {
  forceDeletion,
  isGone,
  planProvisioning,
  readyAt,
  resizePool,
  startDeletion,
  stateAt,
} from './lifecycle';
import type { ClusterRecord, PoolRecord, SimCluster } from './model';
import { type SampleOptions, sampleClusterBody } from './samples';
import type { MaasClusterBody, MachinePool } from './schemas';
import { currentProject, visibleHere } from './scope';
import { type Catalog, type SeedAccount, STALL_LABEL, STICKY_DELETE_LABEL } from './seed';

/** Success with a value, or a refusal the routes answer with a v1Error. */
export type Outcome<T> = { ok: true; value: T } | ({ ok: false } & Refusal);

/** Options for `seedClusters`. */
export interface SeedClustersOptions extends SampleOptions {
  /** Running (default): provisioned long ago; Provisioning: just started provisioning. */
  state?: 'Running' | 'Provisioning';
  /** Names are `${namePrefix}-${n}` (default `bench`). */
  namePrefix?: string;
  /** The project they belong to (default: the simulator's `projectUid`, else tenant scope). */
  projectUid?: string;
}

const DAY_MS = 24 * 3600 * 1000;

function poolRecord(entity: MachinePool): PoolRecord {
  return {
    name: entity.poolConfig.name,
    isControlPlane: entity.poolConfig.isControlPlane ?? false,
    size: entity.poolConfig.size,
    entity,
    nodes: [],
    serial: 0,
  };
}

/**
 * The simulator's clusters, in memory, with the operations Palette's API offers on them. A request sees only the
 * clusters of its project (src/local/palette/scope.ts); outside a request every cluster is seen.
 */
export class ClusterStore {
  private readonly records = new Map<string, ClusterRecord>();
  /** Cloud config uid → cluster uid (resize and machine listing look clusters up by config). */
  private readonly byConfigUid = new Map<string, string>();

  constructor(
    private readonly catalog: Catalog,
    private readonly pace: Pace,
    /** Called after every change (create, delete, resize, seeding), e.g. to keep the clusters in a file. */
    private readonly changed: () => void = () => {},
  ) {}

  /** Replaces every cluster with ones kept earlier (a restart). */
  restore(clusters: readonly ClusterRecord[]): void {
    this.records.clear();
    this.byConfigUid.clear();
    for (const cluster of clusters) this.keep(cluster);
  }

  /** Every cluster ever created, gateways' own clusters included. */
  all(): ClusterRecord[] {
    return [...this.records.values()];
  }

  /** Workload clusters of the request's project that still answer GET at `t`. */
  visible(t: number): ClusterRecord[] {
    return this.all().filter((cluster) => !cluster.system && !isGone(cluster, t) && visibleHere(cluster));
  }

  /** The cluster with this uid in the request's project, gone or not. */
  ever(uid: string): ClusterRecord | undefined {
    const cluster = this.records.get(uid);
    return cluster && visibleHere(cluster) ? cluster : undefined;
  }

  /** The cluster with this uid in the request's project, unless it is unknown or gone at `t`. */
  get(uid: string, t: number): ClusterRecord | undefined {
    const cluster = this.ever(uid);
    return cluster && !isGone(cluster, t) ? cluster : undefined;
  }

  /** The cluster owning this cloud config, unless it is unknown or gone at `t`. */
  byConfig(configUid: string, t: number): ClusterRecord | undefined {
    return this.get(this.byConfigUid.get(configUid) ?? '', t);
  }

  /** Whether a cluster of the request's project not yet Deleted carries this name at `t` (names are per project). */
  nameInUse(name: string, t: number): boolean {
    return this.all().some(
      (cluster) =>
        cluster.name === name &&
        visibleHere(cluster) &&
        stateAt(cluster, t) !== 'Deleted' &&
        !isGone(cluster, t),
    );
  }

  /** Creates a cluster at `t` (Pending) and plans its provisioning; refuses a name that is in use. */
  create(body: MaasClusterBody, account: SeedAccount, t: number, system = false): Outcome<ClusterRecord> {
    const name = body.metadata.name;
    if (this.nameInUse(name, t)) {
      return {
        ok: false,
        status: 409,
        code: 'ClusterNameAlreadyExists',
        message: `Cluster name '${name}' already exists`,
      };
    }
    const labels = body.metadata.labels ?? {};
    const cluster: ClusterRecord = {
      uid: newUid(),
      name,
      projectUid: currentProject() ?? '',
      configUid: newUid(),
      accountUid: account.uid,
      domain: body.spec.cloudConfig.domain,
      placement: { network: account.nodeNetwork, zones: account.zones.map((zone) => zone.name) },
      labels,
      annotations: body.metadata.annotations ?? {},
      profiles: body.spec.profiles,
      createdAt: t,
      pendingUntil: t + this.pace.pending,
      runningAt: Number.POSITIVE_INFINITY,
      sticky: STICKY_DELETE_LABEL in labels,
      system,
      pools: body.spec.machinepoolconfig.map(poolRecord),
      plannedMachines: body.spec.machinepoolconfig.reduce((sum, pool) => sum + pool.poolConfig.size, 0),
      scales: [],
      features: featuresAtCreate(body, t),
    };
    planProvisioning(cluster, this.pace, STALL_LABEL in labels);
    if (REPAVE_LABEL in labels) holdRepave(cluster, defaultRepaveReasons(this.catalog, cluster), t);
    this.keep(cluster);
    this.changed();
    return { ok: true, value: cluster };
  }

  /**
   * Deletes a cluster at `t`. A normal delete of a Running cluster starts Deleting; of a Pending or
   * Provisioning one, aborts it. Force delete is refused until a normal delete has started.
   */
  delete(uid: string, force: boolean, t: number): Outcome<ClusterRecord> {
    const cluster = this.get(uid, t);
    if (!cluster) return { ok: false, ...notFound('SpectroCluster', uid) };
    if (cluster.system) {
      return {
        ok: false,
        status: 403,
        code: 'Forbidden',
        message: `Cluster '${cluster.name}' hosts a private cloud gateway`,
      };
    }
    const state = stateAt(cluster, t);
    if (force) {
      if (!cluster.deletion) {
        return {
          ok: false,
          status: 409,
          code: 'ForceDeleteNotAllowed',
          message: `Cluster '${cluster.name}' is ${state}: force delete is allowed only for a cluster in Deleting state; delete it first`,
        };
      }
      if (state === 'Deleting') forceDeletion(cluster, t, this.pace);
      this.changed();
      return { ok: true, value: cluster };
    }
    if (!cluster.deletion) startDeletion(cluster, t, this.pace);
    this.changed();
    return { ok: true, value: cluster };
  }

  /** Replaces a pool of a Running cluster with `entity` at `t`, resizing it to the new size. */
  updatePool(configUid: string, poolName: string, entity: MachinePool, t: number): Outcome<ClusterRecord> {
    const cluster = this.byConfig(configUid, t);
    if (!cluster) return { ok: false, ...notFound('CloudConfig', configUid) };
    const pool = cluster.pools.find((candidate) => candidate.name === poolName);
    if (!pool) return { ok: false, ...notFound('MachinePool', poolName) };
    const problem = poolChangeProblem(pool, poolName, entity);
    if (problem) return { ok: false, status: 400, code: 'InvalidRequest', message: problem };
    const state = stateAt(cluster, t);
    if (state !== 'Running') {
      return {
        ok: false,
        status: 409,
        code: 'ClusterNotRunning',
        message: `Cluster '${cluster.name}' is ${state}: machine pools can be changed once it is Running`,
      };
    }
    pool.entity = entity;
    resizePool(cluster, pool, entity.poolConfig.size, t, this.pace);
    this.changed();
    return { ok: true, value: cluster };
  }

  /** Adds `count` clusters that are already Running (or just Provisioning) at `t`, for benchmarks. */
  seedClusters(count: number, options: SeedClustersOptions, t: number): ClusterRecord[] {
    const account =
      this.catalog.accounts.find((candidate) => candidate.uid === options.accountUid) ??
      this.catalog.accounts[0];
    if (!account) return [];
    const createdAt = options.state === 'Provisioning' ? t - this.pace.pending : t - DAY_MS;
    const prefix = options.namePrefix ?? 'bench';
    const created: ClusterRecord[] = [];
    for (let index = 1; created.length < count; index += 1) {
      const name = `${prefix}-${index}`;
      if (this.nameInUse(name, t)) continue;
      const outcome = this.create(sampleClusterBody(this.catalog, name, options), account, createdAt);
      if (outcome.ok) created.push(outcome.value);
    }
    return created;
  }

  /** Adds the clusters the seed's gateways run on: Running for a month, one control-plane pool each. */
  seedGatewayClusters(t: number): void {
    for (const gateway of this.catalog.gateways) {
      const account = this.catalog.accounts.find((candidate) => candidate.uid === gateway.accountUid);
      if (!account) continue;
      const body = sampleClusterBody(this.catalog, gateway.name, {
        accountUid: account.uid,
        controlPlaneSize: gateway.nodes === 3 ? 3 : 1,
        workers: 0,
      });
      body.spec.machinepoolconfig = body.spec.machinepoolconfig.filter(
        (pool) => pool.poolConfig.isControlPlane,
      );
      const outcome = this.create(body, account, t - 30 * DAY_MS, true);
      if (!outcome.ok) continue;
      this.records.delete(outcome.value.uid);
      this.keep({ ...outcome.value, uid: gateway.clusterUid });
    }
    this.changed();
  }

  /** Keeps a change made to a cluster outside the operations above (day-2 features, machines, health, repave). */
  keepChanges(): void {
    this.changed();
  }

  private keep(cluster: ClusterRecord): void {
    this.records.set(cluster.uid, cluster);
    this.byConfigUid.set(cluster.configUid, cluster.uid);
  }

  /** What `clusters()` reports for one cluster at `t`. */
  describe(cluster: ClusterRecord, t: number): SimCluster {
    const state = stateAt(cluster, t);
    const deletion = cluster.deletion;
    return {
      uid: cluster.uid,
      name: cluster.name,
      projectUid: cluster.projectUid,
      state,
      ...(state === 'Running' ? { health: cluster.care?.unhealthy ? 'UnHealthy' : 'Healthy' } : {}),
      gone: isGone(cluster, t),
      cloudConfigUid: cluster.configUid,
      cloudAccountUid: cluster.accountUid,
      domain: cluster.domain,
      labels: { ...cluster.labels },
      createdAt: iso(cluster.createdAt),
      ...(deletion ? { deleteRequestedAt: iso(deletion.requestedAt) } : {}),
      ...(deletion?.aborted ? { abortTimestamp: iso(deletion.requestedAt) } : {}),
      ...(deletion && deletion.deletedAt <= t ? { deletedAt: iso(deletion.deletedAt) } : {}),
      ...(deletion?.forcedAt !== undefined ? { forceDeletedAt: iso(deletion.forcedAt) } : {}),
      pools: cluster.pools.map((pool) => ({
        name: pool.name,
        isControlPlane: pool.isControlPlane,
        size: pool.size,
        ready: readyAt(pool, t),
      })),
    };
  }
}

/** Why a machine-pool update body cannot replace this pool, if it cannot. */
function poolChangeProblem(pool: PoolRecord, poolName: string, entity: MachinePool): string | undefined {
  if (entity.poolConfig.name !== poolName) {
    return `poolConfig.name '${entity.poolConfig.name}' does not match the machine pool '${poolName}' in the path`;
  }
  if ((entity.poolConfig.isControlPlane ?? false) !== pool.isControlPlane) {
    return `poolConfig.isControlPlane cannot change for machine pool '${poolName}'`;
  }
  if (pool.isControlPlane && ![1, 3, 5].includes(entity.poolConfig.size)) {
    return `control-plane pool '${poolName}' must have 1, 3 or 5 nodes, not ${entity.poolConfig.size}`;
  }
  return undefined;
}
