import type { ClusterCare } from './care';
import type { Day2State } from './day2';
import type { Lease } from './lease';
import type { LifecycleEvent, LifecycleState } from './lifecycle';
import type { ClusterSpec } from './spec';

/** One line of a cluster's audit history: who did what, when, and the state change it made. */
export interface AuditEvent {
  at: string;
  /** Slack user id, or `bot` / `palette` / `scheduler` for the system. */
  by: string;
  event: LifecycleEvent;
  from: LifecycleState;
  to: LifecycleState;
  detail?: string;
}

/** An approver's yes, kept until the quorum is met. */
export interface Approval {
  userId: string;
  at: string;
}

/** Where the cluster lives in Slack: the request's thread, the approval card, the messages kept up to date. */
export interface SlackPlaces {
  /** Channel where the request was made (or the requester's DM when the bot could not post there). */
  channel: string;
  /** The "request submitted" message: its thread carries the cluster's story. */
  threadTs?: string;
  approvalChannel?: string;
  approvalTs?: string;
  /** The status message in the thread, kept up to date with chat.update. */
  statusTs?: string;
  /** The force-delete notice, posted once when the 15-minute window opens. */
  forceDeleteNoticeTs?: string;
}

/** What Palette said about the request before approval: dry-run validation, cost estimate, MAAS capacity. */
export interface ReviewFindings {
  validation: { ok: boolean; messages: string[] };
  /** Monthly cost estimate in the currency Palette reports, when it could give one. */
  estimate?: { total: number; currency: string; perPool: { name: string; total: number }[] };
  /** Whether MAAS has Ready machines for every pool: one line per pool, and what was counted (which MAAS). */
  capacity?: { ok: boolean; lines: string[]; counted?: string };
  /** The cloud account's Private Cloud Gateway: a request behind an unhealthy one stalls. */
  gateway?: { healthy: boolean; message: string };
  /** Pack overrides of keys the pack's values.yaml does not have ("kubernetes: pack.nosuchkey"): typos, often. */
  unknownOverrides?: string[];
}

/** Live progress last read from Palette, so a poll only posts what changed. */
export interface Progress {
  /** Bumped by every save: two polls that read the same progress cannot both save (and both post). */
  revision: number;
  paletteState?: string;
  health?: string;
  pools: { name: string; ready: number; desired: number }[];
  /** Uids of Palette events already posted to the thread (bounded). */
  seenEventUids: string[];
  lastChangeAt?: string;
  /** When Palette was last read for this cluster, so the reconciler can tell a live poll chain from a lost one. */
  polledAt?: string;
}

/** A MAAS machine a force delete left allocated (Palette listed it in the cluster's pools just before). */
export interface LeftoverMachine {
  name: string;
  pool: string;
  hostname?: string;
  state?: string;
}

/** What a force delete left behind: the machines (the first ones kept, and how many in all), or why none are known. */
export type Leftovers = { machines: LeftoverMachine[]; total?: number } | { unknown: string };

/** How many left-over machines a record keeps (the count says how many more there were): keeps the item small. */
export const LEFTOVERS_KEPT = 50;

/** Leftovers as a record keeps them: the first LEFTOVERS_KEPT machines, and the count of all of them. */
export function keepLeftovers(leftovers: Leftovers): Leftovers {
  if ('unknown' in leftovers) return leftovers;
  const total = leftovers.total ?? leftovers.machines.length;
  const machines = leftovers.machines.slice(0, LEFTOVERS_KEPT).map(({ name, pool, hostname, state }) => ({
    name,
    pool,
    ...(hostname ? { hostname } : {}),
    ...(state ? { state } : {}),
  }));
  return { machines, total };
}

/** A resize Palette is carrying out: the poll follows it (progress, events) until the pool has the new size. */
export interface Scaling {
  pool: string;
  from: number;
  to: number;
  by: string;
  since: string;
}

/** A cluster request and, once approved, the cluster it became: the single record the bot keeps. */
export interface ClusterRecord {
  id: string;
  name: string;
  /** The team the request was made for (a record made before teams reads as the default team's). */
  team: string;
  /** The Palette project the cluster was requested in; absent on records made before teams (their team's). */
  paletteProjectUid?: string;
  spec: ClusterSpec;
  state: LifecycleState;
  requester: string;
  requestedAt: string;
  updatedAt: string;
  expiresAt: string;
  slack: SlackPlaces;
  approvals: Approval[];
  rejection?: { userId: string; at: string; reason: string };
  review?: ReviewFindings;
  paletteUid?: string;
  cloudConfigUid?: string;
  /** When a create was first sent to Palette: a later try looks for that cluster before creating another. */
  createSentAt?: string;
  provisioningSince?: string;
  runningSince?: string;
  deletingSince?: string;
  /** Whether the delete was started as an abort of a provisioning cluster. */
  deleteKind?: 'delete' | 'abort';
  deletedBy?: string;
  forceDeleteBy?: string;
  forceDeleteAt?: string;
  /** What the force delete left allocated in MAAS, listed just before it was sent. */
  leftovers?: Leftovers;
  /** When Palette answered 404 for a cluster the bot had not deleted: it ended outside the bot. */
  goneFromPaletteAt?: string;
  /** A resize under way (a RUNNING sub-phase): set by the scale job, cleared once Palette's pool has the size. */
  scaling?: Scaling;
  /** How long the cluster may run (from Running) and when it ends; absent on records made before leases (no end). */
  lease?: Lease;
  /** On-demand backups and scans: the one under way per feature, and how the last one ended. */
  day2?: Day2State;
  endedAt?: string;
  failure?: string;
  progress?: Progress;
  /** After Running: a health episode, a repave Palette holds, an update noticed (src/domain/care.ts). */
  care?: ClusterCare;
  version: number;
  history: AuditEvent[];
}

/** How many history lines a record keeps: enough for an audit trail, bounded to keep the item small. */
export const HISTORY_LIMIT = 100;

/** How long an ended cluster's record is kept by default (RECORD_RETENTION_DAYS), in days. */
export const DEFAULT_RECORD_RETENTION_DAYS = 365;

/** The last history line of `event`, if any. */
export function lastEvent(
  record: Pick<ClusterRecord, 'history'>,
  event: LifecycleEvent,
): AuditEvent | undefined {
  return record.history.findLast((entry) => entry.event === event);
}
