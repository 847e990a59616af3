/**
 * Day-2 work on a running cluster that the bot follows until it ends: an on-demand backup or compliance scan.
 * Pure: what the record keeps, how a Palette state reads, when to look again.
 */

/** What the bot follows: a backup, or one kind of compliance scan. */
export type Day2Feature = 'backup' | 'configuration' | 'penetration' | 'conformance';

/** An on-demand backup or scan the bot has asked for and follows until it ends. */
export interface Day2Run {
  /** Who asked, and when the request was claimed. */
  by: string;
  since: string;
  /** The backup's name (backups only). */
  name?: string;
  /** Palette's request uid, once Palette accepted the request. */
  requestUid?: string;
}

/** How a run ended, kept to show on the status message and App Home. */
export interface Day2Result {
  outcome: 'completed' | 'failed';
  at: string;
  /** One line for people: the backup's name and expiry, a scan's numbers, or Palette's message. */
  summary: string;
}

/** Per feature: the run under way (at most one) and the last result. */
export type Day2State = Partial<Record<Day2Feature, { running?: Day2Run; last?: Day2Result }>>;

/** What a state Palette reports means: still going, or ended. Palette's states are free text. */
export type RunOutcome = 'running' | 'completed' | 'failed';

/** Reads Palette's free-text state; anything unknown is still running (until the stall limit says so). */
export function outcomeOf(state: string): RunOutcome {
  const normal = state.toLowerCase();
  if (normal === 'completed') return 'completed';
  if (normal.includes('fail') || normal === 'error' || normal === 'deleted') return 'failed';
  return 'running';
}

/** The longest wait between two looks at a run (conformance can take two hours: never a tight loop either). */
export const MAX_FOLLOW_SECONDS = 300;

/** The wait before look number `attempt` (0-based): the poll interval, doubling, at most five minutes. */
export function followDelaySeconds(attempt: number, pollIntervalSeconds: number): number {
  return Math.min(MAX_FOLLOW_SECONDS, pollIntervalSeconds * 2 ** Math.min(attempt, 16));
}

/** A backup name Palette accepts (DNS-1123, ≤ 63): the prefix and the UTC minute, e.g. `nightly-20260302-0900`. */
export function onDemandBackupName(prefix: string | undefined, at: Date): string {
  const stamp = at.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const base = (prefix ?? 'on-demand')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${(base || 'on-demand').slice(0, 40)}-${stamp}`;
}

/** The record's day-2 state with `feature` replaced by `value` (none when it holds nothing). */
export function withFeature(
  state: Day2State | undefined,
  feature: Day2Feature,
  value: { running?: Day2Run; last?: Day2Result },
): Day2State {
  return { ...state, [feature]: value };
}

/** After how long a run Palette still reports as going is worth a word in the thread (once). */
export const STALL_SECONDS: Record<Day2Feature, number> = {
  backup: 3600,
  configuration: 3600,
  penetration: 3600,
  // Conformance runs for up to two hours on a real cluster.
  conformance: 3 * 3600,
};

/** Whether a run asked for at `since` has been going longer than its feature's stall limit at `now`. */
export function isStalled(feature: Day2Feature, since: string, now: Date): boolean {
  return now.getTime() - Date.parse(since) > STALL_SECONDS[feature] * 1000;
}

/** How far ahead an on-demand OS patch is asked for (Palette patches once that moment has passed). */
export const PATCH_AFTER_SECONDS = 60;

/** A second "patch now" within this long of the last one is answered with that one, not sent again. */
export const PATCH_REPEAT_SECONDS = 600;
