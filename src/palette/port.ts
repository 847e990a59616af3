import type { AfterRunningPalette } from './after-running';
import type { MaasMachinePoolConfigEntity, SpectroMaasClusterEntity } from './entities';
import type { PaletteFeatures } from './features/types';

/** A MAAS cluster profile, as the profile picker lists it. */
export interface ProfileSummary {
  uid: string;
  name: string;
  version?: string;
  /** `cluster`, `infra`, `add-on` … as Palette reports the profile type. */
  type?: string;
}

/** One pack of a profile, with the values.yaml the pack-values step shows and overrides merge into. */
export interface ProfilePack {
  name: string;
  tag?: string;
  type?: string;
  layer?: string;
  values: string;
}

/** A profile variable a cluster can set. */
export interface ProfileVariable {
  name: string;
  displayName?: string;
  description?: string;
  required: boolean;
  defaultValue?: string;
}

/** A MAAS cloud account (one per Private Cloud Gateway). */
export interface CloudAccount {
  uid: string;
  name: string;
  /** The gateway (overlord) that serves this account, when Palette says. */
  overlordUid?: string;
}

/** Palette's dry-run answer for a create body. */
export interface ValidationResult {
  ok: boolean;
  /** Problems Palette found, written for people (empty when ok). */
  messages: string[];
}

/** Palette's cost estimate for a create body. */
export interface CostEstimate {
  currency: string;
  /** Estimated total per month. */
  total: number;
  pools: { name: string; total: number }[];
}

/** A cluster as `GET /v1/spectroclusters/{uid}` reports it. */
export interface ClusterInfo {
  uid: string;
  name: string;
  /** Palette's `status.state` (Pending, Provisioning, Running, Deleting, Deleted, …). */
  state: string;
  cloudConfigUid?: string;
  labels: Record<string, string>;
  createdAt?: string;
  deletedAt?: string;
}

/** Node readiness of one pool, from the dashboard overview. */
export interface PoolProgress {
  /** Palette's overview lists pools without names: set only when known; else match by order (create order). */
  name?: string;
  isControlPlane: boolean;
  desired: number;
  ready: number;
}

/** The dashboard overview: health and nodes per pool. */
export interface ClusterOverview {
  uid: string;
  name: string;
  state: string;
  /** Healthy, UnHealthy, Unknown … as Palette reports it; undefined before there is any. */
  health?: string;
  pools: PoolProgress[];
  /** What Palette says is wrong while unhealthy (its health conditions). */
  healthProblems?: HealthProblem[];
  /** Palette offers an update of the cluster's profile (`status.notifications.isAvailable`). */
  updatesAvailable?: boolean;
}

/** A health condition Palette reports for an unhealthy cluster. */
export interface HealthProblem {
  type: string;
  message: string;
}

/** One progress event of a cluster. */
export interface ClusterEvent {
  uid: string;
  at: string;
  severity: string;
  reason: string;
  message: string;
}

/** One row of the cluster search (`/maas list`, recovery by name). */
export interface ClusterSummary {
  uid: string;
  name: string;
  state: string;
  health?: string;
  cloudType?: string;
  createdAt?: string;
  /** What Palette says is wrong while unhealthy (its health conditions). */
  healthProblems?: HealthProblem[];
  /** `status.repave.state` (Pending while Palette holds a repave for approval). */
  repaveState?: string;
  /** Palette offers an update of the cluster's profile. */
  updatesAvailable?: boolean;
}

/** A page of results and the `continue` token for the next one (absent on the last page). */
export interface Page<T> {
  items: T[];
  continue?: string;
}

/** A machine pool of a cluster's cloud config, as Palette stores it (the whole pool, for resizing). */
export interface CloudConfigPool {
  name: string;
  size: number;
  isControlPlane: boolean;
  /** The pool as the machine-pool update endpoint takes it back. */
  entity: MaasMachinePoolConfigEntity;
}

/** A cluster's MAAS cloud config. */
export interface CloudConfig {
  uid: string;
  pools: CloudConfigPool[];
}

/** A MAAS machine still allocated to a cluster pool (what a force delete may leave behind). */
export interface PoolMachine {
  uid: string;
  name: string;
  pool: string;
  state?: string;
  hostname?: string;
}

/** A Private Cloud Gateway. */
export interface Gateway {
  uid: string;
  name: string;
  /** `Running` means healthy. */
  state: string;
  cloudType?: string;
  /** How many nodes the gateway cluster has (1 = not HA, 3 = HA; 0 = Palette did not say). */
  nodeCount: number;
  lastHeartbeat?: string;
}

/** Palette, as the bot uses it: every endpoint of DESIGN §4, typed (day-2 features in features/types). */
export interface Palette extends PaletteFeatures, AfterRunningPalette {
  /** MAAS cluster profiles (`environment: maas`), every page. */
  listMaasProfiles(): Promise<ProfileSummary[]>;
  profilePacks(profileUid: string): Promise<ProfilePack[]>;
  profileVariables(profileUid: string): Promise<ProfileVariable[]>;
  listMaasAccounts(): Promise<CloudAccount[]>;
  accountDomains(accountUid: string): Promise<string[]>;
  accountZones(accountUid: string): Promise<string[]>;
  accountResourcePools(accountUid: string): Promise<string[]>;
  accountSubnets(accountUid: string): Promise<string[]>;
  accountMachineTags(accountUid: string): Promise<string[]>;

  /** `GET /v1/spectroclusters/validate/name`: undefined when the name is free, else Palette's message. */
  nameProblem(name: string): Promise<string | undefined>;
  validateCluster(body: SpectroMaasClusterEntity): Promise<ValidationResult>;
  estimateCost(body: SpectroMaasClusterEntity): Promise<CostEstimate>;
  createCluster(body: SpectroMaasClusterEntity): Promise<{ uid: string }>;

  /** undefined when Palette answers 404 (a deleted cluster may). */
  getCluster(uid: string): Promise<ClusterInfo | undefined>;
  clusterOverview(uid: string): Promise<ClusterOverview | undefined>;
  /** Newest first, at most `limit`. */
  clusterEvents(uid: string, limit?: number): Promise<ClusterEvent[]>;
  /** MAAS clusters, one page of at most 50. */
  searchClusters(options?: {
    continue?: string;
    limit?: number;
    name?: string;
  }): Promise<Page<ClusterSummary>>;
  /** The live (not deleted) MAAS cluster with exactly this name, if any. */
  findClusterByName(name: string): Promise<ClusterSummary | undefined>;
  deleteCluster(uid: string, options: { force: boolean }): Promise<void>;

  getCloudConfig(configUid: string): Promise<CloudConfig>;
  updateMachinePool(configUid: string, pool: MaasMachinePoolConfigEntity): Promise<void>;
  poolMachines(configUid: string, poolName: string): Promise<PoolMachine[]>;

  listGateways(): Promise<Gateway[]>;
  pairingCode(): Promise<string>;
}

/**
 * Palette for every project the teams use. Reach a record's or a team's client through src/teams/scope.ts, which
 * knows which project that is.
 */
export interface PaletteProjects {
  /** The client whose calls carry `ProjectUid: projectUid` (tenant scope when undefined); one per project. */
  forProject(projectUid: string | undefined): Palette;
}
