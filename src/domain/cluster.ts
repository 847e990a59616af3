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
  capacity?: { ok: boolean; lines: string[] };
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
  endedAt?: string;
  failure?: string;
  progress?: Progress;
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
