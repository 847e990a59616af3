import type { AuditEvent, ClusterRecord, Progress, ReviewFindings, SlackPlaces } from '../domain/cluster';
import type { Lease } from '../domain/lease';
import type { LifecycleEvent } from '../domain/lifecycle';
import type { LedgerEntry, TeamLedger } from '../domain/quota';
import type { ClusterSpec } from '../domain/spec';
import type { Quota } from '../domain/team';

/** A transition lost a race: the record changed since it was read. Re-read and decide again. */
export class ConflictError extends Error {
  constructor(
    readonly clusterId: string,
    readonly expectedVersion: number,
  ) {
    super(`Cluster ${clusterId} changed since version ${expectedVersion}.`);
    this.name = 'ConflictError';
  }
}

/** Another live request already holds the cluster name. */
export class NameTakenError extends Error {
  constructor(
    readonly clusterName: string,
    readonly heldBy: string,
  ) {
    super(`The name "${clusterName}" is taken by a live request.`);
    this.name = 'NameTakenError';
  }
}

/** The event may not happen in the record's current state (the lifecycle table says no). */
export class InvalidTransitionError extends Error {
  constructor(
    readonly clusterId: string,
    readonly from: string,
    readonly event: LifecycleEvent,
  ) {
    super(`Event ${event} is not allowed from ${from} (cluster ${clusterId}).`);
    this.name = 'InvalidTransitionError';
  }
}

/** What a new request is stored with. */
export interface NewCluster {
  id: string;
  name: string;
  /** The team of the channel the request was made in. */
  team: string;
  /** The team's Palette project, which the cluster will live in. */
  paletteProjectUid?: string;
  spec: ClusterSpec;
  requester: string;
  requestedAt: string;
  expiresAt: string;
  slack: SlackPlaces;
  review?: ReviewFindings;
  /** The lease chosen in the wizard (it starts when the cluster is Running). */
  lease?: Lease;
}

/**
 * Fields a transition may set; identity, state, version and history are the store's to manage. The spec may
 * change (a resize); progress is written with `saveProgress`, outside the lifecycle.
 */
export type ClusterFields = Omit<
  ClusterRecord,
  | 'id'
  | 'name'
  | 'team'
  | 'paletteProjectUid'
  | 'state'
  | 'requester'
  | 'requestedAt'
  | 'version'
  | 'history'
  | 'progress'
>;

/** One transition: the event (checked against the lifecycle table), who, and the fields it changes. */
export interface ClusterChange {
  event: LifecycleEvent;
  by: string;
  at: string;
  detail?: string;
  set?: Partial<ClusterFields>;
  remove?: (keyof ClusterFields)[];
}

/** A page of records and the cursor for the next one. */
export interface RecordPage {
  items: ClusterRecord[];
  cursor?: string;
}

/** A wizard draft: kept server-side because private_metadata holds 3,000 characters only. */
export interface Draft {
  id: string;
  userId: string;
  data: Record<string, unknown>;
  updatedAt: string;
}

/**
 * Where the reconciler's walk through Palette's cluster pages stopped when a sweep ran out of time: the next sweep
 * starts there. `project` is the project's uid ('' for the tenant scope), `continue` Palette's token for the next
 * page, `after` the name of the last cluster the cut sweep saw (pages are sorted by name).
 */
export interface SweepCursor {
  project: string;
  continue: string;
  after: string;
  savedAt: string;
}

/** Whether the quota admitted the nodes; when not, the ledger as read when it said no (for the numbers). */
export type Admission = { ok: true } | { ok: false; ledger: TeamLedger };

/** What a ledger entry should hold. */
export type EntryShape = Pick<LedgerEntry, 'nodes' | 'approved'>;

/** The bot's durable state: cluster records, name reservations, teams' quota ledgers, drafts, one-time claims. */
export interface ClusterStore {
  /**
   * Stores a new PENDING_APPROVAL request, reserves its name and enters it in its team's quota ledger as pending;
   * throws NameTakenError.
   */
  create(request: NewCluster): Promise<ClusterRecord>;
  get(id: string): Promise<ClusterRecord | undefined>;
  /** The live record holding this name, else the newest ended one with it. */
  findByName(name: string): Promise<ClusterRecord | undefined>;
  /** A person's requests, newest first. */
  listByRequester(userId: string, limit: number): Promise<ClusterRecord[]>;
  /** Records not yet ended (the sparse active index), oldest first; never a Scan. */
  listActive(options?: { limit?: number; cursor?: string }): Promise<RecordPage>;
  /**
   * Applies one transition as ONE conditional UpdateItem on `record.version`, appending to the history.
   * Throws ConflictError when the record changed, InvalidTransitionError when the event is not allowed.
   * An ending state also releases the name, leaves the active index and leaves its team's quota ledger.
   */
  apply(record: ClusterRecord, change: ClusterChange): Promise<ClusterRecord>;

  /**
   * Writes live progress (what a poll read from Palette) without a lifecycle event or a history line, conditional
   * on the progress `record` was read with (its revision), so two overlapping polls cannot both post the same
   * news. Returns the record with the new progress (revision + 1), or undefined when another poll saved first.
   */
  saveProgress(
    record: ClusterRecord,
    progress: Omit<Progress, 'revision'>,
  ): Promise<ClusterRecord | undefined>;

  /** The team's quota ledger: an entry (nodes, approved or pending) per live request and cluster of the team. */
  teamLedger(team: string): Promise<TeamLedger>;
  /**
   * Admits an approval: the cluster's entry becomes approved with `nodes` if the team's approved clusters and
   * nodes, with it, stay within `limits` — ONE conditional write, so two approvals cannot both take the last room.
   * An entry already approved is admitted as it is (a repeated approval).
   */
  admitToQuota(team: string, clusterId: string, nodes: number, limits: Quota): Promise<Admission>;
  /** Sets an approved cluster's nodes (a resize); growing is admitted like an approval (`limits.nodes`). */
  resizeInQuota(team: string, clusterId: string, nodes: number, limits: Quota): Promise<Admission>;
  /**
   * Puts a ledger entry right (the reconciler's audit) if it is still exactly `previous`: `expected` becomes the
   * entry, undefined removes it. False when it changed since it was read.
   */
  correctQuota(
    team: string,
    clusterId: string,
    previous: LedgerEntry | undefined,
    expected: EntryShape | undefined,
  ): Promise<boolean>;

  putDraft(draft: Draft): Promise<void>;
  getDraft(id: string): Promise<Draft | undefined>;
  deleteDraft(id: string): Promise<void>;

  /** Where the last sweep through Palette's pages stopped, if it was cut short. */
  sweepCursor(): Promise<SweepCursor | undefined>;
  /** Stores where the sweep stopped; undefined clears it (the walk went round). */
  saveSweepCursor(cursor: SweepCursor | undefined): Promise<void>;

  /** True the first time `key` is claimed (within `ttlSeconds`), false after: for effects that must happen once. */
  claimOnce(key: string, ttlSeconds: number): Promise<boolean>;
  /** Gives back a claim whose effect did not happen (Slack refused the post), so a retry may claim it again. */
  releaseClaim(key: string): Promise<void>;
}

export type { AuditEvent };
