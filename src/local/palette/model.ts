import type { ClusterFeatures } from './features/model';
import type { MaasClusterBody, MachinePool } from './schemas';

/** Palette's `status.state` values the simulator goes through. */
export type SimState = 'Pending' | 'Provisioning' | 'Running' | 'Deleting' | 'Deleted';

/**
 * One machine of a pool. Times are milliseconds of the simulator's clock, fixed when the step is planned;
 * what a reader sees is computed from them at read time (Infinity = never).
 */
export interface SimNode {
  uid: string;
  name: string;
  hostname: string;
  ip: string;
  az: string;
  createdAt: number;
  readyAt: number;
  deletingAt?: number;
  deletedAt?: number;
  /** The last maintenance action asked for the machine (cordon/uncordon) and when. */
  maintenance?: { action: 'cordon' | 'uncordon'; at: number };
}

/** A machine pool: its desired size, its config as last set, and every machine it ever had. */
export interface PoolRecord {
  name: string;
  isControlPlane: boolean;
  size: number;
  entity: MachinePool;
  nodes: SimNode[];
  /** Counter for the next machine's name. */
  serial: number;
}

/** A resize of a pool, for the events. */
export interface ScaleRecord {
  at: number;
  pool: string;
  from: number;
  to: number;
}

/** A deletion: normal, abort (while provisioning) or sticky, and when it ends. */
export interface DeletionRecord {
  requestedAt: number;
  aborted: boolean;
  /** When the cluster becomes Deleted (Infinity while a sticky deletion waits for force delete). */
  deletedAt: number;
  forcedAt?: number;
  /** When GET starts answering 404. */
  goneAt: number;
}

/** A health condition Palette reports for an unhealthy cluster (v1SpectroClusterHealthCondition). */
export interface HealthProblem {
  type: string;
  message: string;
}

/** One reason Palette gives for holding a repave (v1SpectroClusterRepaveReason). */
export interface RepaveReasonRecord {
  code: string;
  message: string;
  pack?: { name: string; layer: string; currentTag: string; targetTag: string; diffConfigKeys: string[] };
}

/** What Palette says about a cluster after Running: health, a repave held for approval, an update offered. */
export interface CareRecord {
  /** Set while the cluster is unhealthy. */
  unhealthy?: { since: number; problems: HealthProblem[] };
  repave?: { state: 'Pending' | 'Approved' | 'Reverted'; since: number; reasons: RepaveReasonRecord[] };
  update?: { uid: string; since: number; message: string; done: boolean };
}

/** A cluster in the simulator's memory. */
export interface ClusterRecord {
  uid: string;
  name: string;
  /** The project it was created in ('' = tenant scope): only requests scoped to it see it. */
  projectUid: string;
  configUid: string;
  accountUid: string;
  domain: string;
  /** Where machines land: the account's node network (first two octets) and zones. */
  placement: { network: string; zones: string[] };
  labels: Record<string, string>;
  annotations: Record<string, string>;
  profiles: MaasClusterBody['spec']['profiles'];
  createdAt: number;
  pendingUntil: number;
  /** Infinity while it has not been planned to run (stalled, aborted). */
  runningAt: number;
  /** Deleting waits for a force delete (label `sim.sticky-delete`). */
  sticky: boolean;
  /** A gateway's own cluster: not listed by search. */
  system: boolean;
  pools: PoolRecord[];
  /** Machines planned at create (the events quote it). */
  plannedMachines: number;
  scales: ScaleRecord[];
  deletion?: DeletionRecord;
  /** Backups, compliance scans and OS patching (absent until first used or set at create). */
  features?: ClusterFeatures;
  /** Health, repave and update news (simulator controls and the `sim.repave` label set it). */
  care?: CareRecord;
}

/** A cluster as the simulator's `clusters()` reports it at a moment. */
export interface SimCluster {
  uid: string;
  name: string;
  /** The project it was created in ('' = tenant scope, no `ProjectUid`). */
  projectUid: string;
  state: SimState;
  /** Healthy while Running; absent otherwise. */
  health?: string;
  /** True once GET answers 404. */
  gone: boolean;
  cloudConfigUid: string;
  cloudAccountUid: string;
  domain: string;
  labels: Record<string, string>;
  createdAt: string;
  deleteRequestedAt?: string;
  abortTimestamp?: string;
  deletedAt?: string;
  forceDeletedAt?: string;
  pools: { name: string; isControlPlane: boolean; size: number; ready: number }[];
}
