import { z } from 'zod';
import type { Approval } from './cluster';
import { addSeconds, formatDuration, formatUtc } from './time';

/** Who acts when a lease ends (history `by`, `deletedBy`): the lease itself, not a person. */
export const LEASE_ACTOR = 'lease';

/** Seconds in each unit a lease duration may be written in: `90s`, `30m`, `24h`, `3d`, `1w`. */
const UNIT_SECONDS = { w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1 } as const;
type Unit = keyof typeof UNIT_SECONDS;

const DURATION = /^(\d{1,6})\s*([smhdw])$/i;

/** Seconds of a duration written `90s`, `30m`, `24h`, `3d` or `1w`; undefined for anything else (or zero). */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2]!.toLowerCase() as Unit];
  return seconds > 0 ? seconds : undefined;
}

/** A duration as configuration writes it, in its largest whole unit: `1w`, `3d`, `36h`, `90m`, `45s`. */
export function durationCode(seconds: number): string {
  const unit =
    (Object.keys(UNIT_SECONDS) as Unit[]).find((each) => seconds % UNIT_SECONDS[each] === 0) ?? 's';
  return `${seconds / UNIT_SECONDS[unit]}${unit}`;
}

const UNIT_WORDS: Record<Unit, string> = { w: 'week', d: 'day', h: 'hour', m: 'minute', s: 'second' };

/** A duration for people, in its largest whole unit: "1 week", "3 days", "36 hours", "5 minutes". */
export function durationWords(seconds: number): string {
  const code = durationCode(seconds);
  const count = Number(code.slice(0, -1));
  const word = UNIT_WORDS[code.at(-1) as Unit];
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** What a duration must look like, said the same way by the variables, the teams file and the commands. */
export const DURATION_HINT = 'a duration such as 90s, 30m, 24h, 3d or 1w';

/** A duration text checked and read as seconds. */
export const DurationSchema = z.string({ error: DURATION_HINT }).transform((text, ctx) => {
  const seconds = parseDuration(text);
  if (seconds === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not ${DURATION_HINT}` });
    return z.NEVER;
  }
  return seconds;
});

/** A list of durations, written `24h,2h` (or a YAML list), read as seconds, longest first, without repeats. */
export const DurationListSchema = z
  .union([z.string(), z.array(z.string())], { error: `a list of durations, e.g. 24h,2h` })
  .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((part) => part.trim()))
  .transform((parts) => parts.filter(Boolean))
  .pipe(z.array(DurationSchema))
  .transform((seconds) => [...new Set(seconds)].sort((a, b) => b - a));

/** A team's lease rules: how long a cluster lives by default and at most, when reminders come, no-expiry leases. */
export interface LeaseSettings {
  defaultSeconds: number;
  /** Counted from when the cluster became Running, so that extensions cannot chain forever. */
  maxSeconds: number;
  /** How long before the end each reminder comes, longest first. */
  reminderSeconds: readonly number[];
  /** Whether a requester may ask for a lease with no end. */
  noneAllowed: boolean;
}

/** LEASE_DEFAULT, LEASE_MAX, LEASE_REMINDERS and LEASE_NONE_ALLOWED when unset. */
export const DEFAULT_LEASE_SETTINGS: LeaseSettings = {
  defaultSeconds: 7 * 86_400,
  maxSeconds: 30 * 86_400,
  reminderSeconds: [86_400, 7_200],
  noneAllowed: false,
};

/** The team file's `lease` block; what it leaves out comes from the LEASE_* variables. */
export const LeaseSchema = z
  .strictObject(
    {
      default: DurationSchema.optional(),
      max: DurationSchema.optional(),
      reminders: DurationListSchema.optional(),
      noneAllowed: z.boolean({ error: 'true or false' }).optional(),
    },
    { error: 'a mapping with default, max, reminders and/or noneAllowed' },
  )
  .refine((lease) => !lease.default || !lease.max || lease.default <= lease.max, {
    message: 'default cannot be longer than max',
    path: ['default'],
  });
export type LeaseEntry = z.infer<typeof LeaseSchema>;

/** A team's lease settings: its block over the variables' (a default longer than the max is cut to it). */
export function resolveLease(entry: LeaseEntry | undefined, fallback: LeaseSettings): LeaseSettings {
  const maxSeconds = entry?.max ?? fallback.maxSeconds;
  return {
    defaultSeconds: Math.min(entry?.default ?? fallback.defaultSeconds, maxSeconds),
    maxSeconds,
    reminderSeconds: entry?.reminders ?? fallback.reminderSeconds,
    noneAllowed: entry?.noneAllowed ?? fallback.noneAllowed,
  };
}

/** A request to extend beyond the maximum, waiting for the approvers' quorum. */
export interface ExtensionRequest {
  /** Who asked (may not approve it), and when. */
  by: string;
  at: string;
  seconds: number;
  reason: string;
  approvals: Approval[];
  /** The extension card in the team's approvals channel. */
  card?: { channel: string; ts: string };
  /** Once decided: approved (the end moved) or rejected, by whom. */
  decision?: { outcome: 'approved' | 'rejected'; by: string; at: string };
}

/** Whether an extension request waits for the approvers. */
export function pendingExtension(lease: Lease | undefined): ExtensionRequest | undefined {
  return lease?.extension && !lease.extension.decision ? lease.extension : undefined;
}

/** A cluster's lease: asked for with the request, started when the cluster is Running. */
export interface Lease {
  /** How long the cluster may run, from Running; `none` = no expiry. */
  requested: number | 'none';
  /** When the cluster became Running: the maximum counts from here. */
  startedAt?: string;
  /** When the cluster is deleted; absent before Running and for a lease with no expiry. */
  endsAt?: string;
  /** When `endsAt` was last set: reminders whose moment came before it do not apply to it. */
  setAt?: string;
  /** An admin's "no expiry": who, when and why. */
  kept?: { by: string; at: string; reason: string };
  extension?: ExtensionRequest;
}

/** Standard lease lengths the wizard offers (up to the maximum). */
const STANDARD_CHOICES = [86_400, 3 * 86_400, 7 * 86_400, 14 * 86_400, 30 * 86_400];

/** The leases a requester may choose: the standard ones up to the maximum, the default and the maximum, shortest first. */
export function leaseChoices(settings: LeaseSettings): number[] {
  const fitting = STANDARD_CHOICES.filter((seconds) => seconds <= settings.maxSeconds);
  return [...new Set([...fitting, settings.defaultSeconds, settings.maxSeconds])].sort((a, b) => a - b);
}

/** The lease a new request gets: the one chosen, if allowed, else the default. */
export function requestedLease(choice: number | 'none' | undefined, settings: LeaseSettings): Lease {
  if (choice === 'none') return { requested: settings.noneAllowed ? 'none' : settings.defaultSeconds };
  const seconds = choice !== undefined && choice <= settings.maxSeconds ? choice : settings.defaultSeconds;
  return { requested: seconds };
}

/** The lease once the cluster is Running at `runningSince`: its end counted from there. */
export function startedLease(lease: Lease, runningSince: string): Lease {
  if (lease.requested === 'none' || lease.startedAt)
    return { ...lease, startedAt: lease.startedAt ?? runningSince };
  return {
    ...lease,
    startedAt: runningSince,
    endsAt: addSeconds(runningSince, lease.requested),
    setAt: runningSince,
  };
}

/** The latest end extensions may reach without approval: the maximum counted from Running. */
export function leaseCeiling(lease: Lease, settings: LeaseSettings): string | undefined {
  return lease.startedAt ? addSeconds(lease.startedAt, settings.maxSeconds) : undefined;
}

/** Whether the lease counts down to a delete. */
export function isTicking(lease: Lease | undefined): lease is Lease & { endsAt: string } {
  return lease?.endsAt !== undefined && lease.kept === undefined;
}

/** What an extension by `seconds` would do: move the end (within the maximum), or need the approvers. */
export type ExtensionPlan =
  | { ok: true; endsAt: string }
  | { ok: false; kind: 'needs-approval'; endsAt: string; ceiling: string }
  | { ok: false; kind: 'no-end'; reason: string };

/** Plans an extension of a running lease by `seconds`. */
export function planExtension(
  lease: Lease | undefined,
  seconds: number,
  settings: LeaseSettings,
): ExtensionPlan {
  if (!lease || lease.kept || lease.requested === 'none')
    return { ok: false, kind: 'no-end', reason: 'it has no expiry, so there is nothing to extend' };
  if (!isTicking(lease)) return { ok: false, kind: 'no-end', reason: 'its lease starts when it is Running' };
  const endsAt = addSeconds(lease.endsAt, seconds);
  const ceiling = leaseCeiling(lease, settings)!;
  if (Date.parse(endsAt) <= Date.parse(ceiling)) return { ok: true, endsAt };
  return { ok: false, kind: 'needs-approval', endsAt, ceiling };
}

/** The lease with its end moved to `endsAt` at `at`. */
export function extendedLease(lease: Lease, endsAt: string, at: string): Lease {
  return { ...lease, endsAt, setAt: at };
}

/** Extensions the reminder offers as buttons. */
export const EXTEND_CHOICES = [86_400, 7 * 86_400] as const;

/** The extension buttons that fit under the maximum (the others would need approval: the command asks for that). */
export function extensionsWithinMax(lease: Lease, settings: LeaseSettings): number[] {
  return EXTEND_CHOICES.filter((seconds) => planExtension(lease, seconds, settings).ok);
}

/** What a lease's schedule should do when it fires at `now`. */
export type LeaseDue =
  | { kind: 'expire' }
  | { kind: 'remind'; before: number }
  | { kind: 'wait'; until: string }
  | { kind: 'nothing' };

/**
 * What is due at `now`: the delete once the end has passed, else the latest reminder whose moment has passed (one
 * reminder, even if the bot was down through several: the nearer one, sent late), else a wait for the next moment.
 * Reminders whose moment came before the end was set (a short lease, an extension) do not apply.
 */
export function leaseDue(
  lease: Lease | undefined,
  settings: Pick<LeaseSettings, 'reminderSeconds'>,
  now: Date,
): LeaseDue {
  if (!isTicking(lease)) return { kind: 'nothing' };
  const end = Date.parse(lease.endsAt);
  if (now.getTime() >= end) return { kind: 'expire' };
  const setAt = Date.parse(lease.setAt ?? lease.startedAt ?? lease.endsAt);
  const moments = settings.reminderSeconds
    .map((before) => ({ before, at: end - before * 1000 }))
    .filter(({ at }) => at > setAt);
  const passed = moments.filter(({ at }) => at <= now.getTime()).sort((a, b) => a.before - b.before)[0];
  if (passed) return { kind: 'remind', before: passed.before };
  const next = moments.map(({ at }) => at).sort((a, b) => a - b)[0] ?? end;
  return { kind: 'wait', until: new Date(next).toISOString() };
}

/** The moment the lease's schedule should next fire after a reminder for `before` was handled, or the end. */
export function nextLeaseMoment(
  lease: Lease & { endsAt: string },
  settings: Pick<LeaseSettings, 'reminderSeconds'>,
  handledBefore?: number,
): string {
  const end = Date.parse(lease.endsAt);
  const setAt = Date.parse(lease.setAt ?? lease.startedAt ?? lease.endsAt);
  const later = settings.reminderSeconds
    .filter((before) => handledBefore === undefined || before < handledBefore)
    .map((before) => end - before * 1000)
    .filter((at) => at > setAt);
  return new Date(Math.min(end, ...later)).toISOString();
}

/** "until Tue 10 Dec 18:00 UTC, in 3 days": when a lease ends, for people. */
export function leaseEndText(endsAt: string, now: Date): string {
  const at = new Date(endsAt);
  const day = at.toLocaleString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const hhmm = formatUtc(at, at).replace(' UTC', '');
  const left = at.getTime() - now.getTime();
  const when = left > 0 ? `in ${formatDuration(left)}` : 'now';
  return `until ${day.replace(',', '')} ${hhmm} UTC, ${when}`;
}

/** A lease for people: "until Tue 10 Dec 18:00 UTC, in 3 d", "no expiry (kept by …)", "1 week from Running". */
export function leaseSummary(lease: Lease | undefined, now: Date): string {
  if (!lease) return 'no expiry';
  if (lease.kept) return `no expiry (kept by <@${lease.kept.by}>)`;
  if (lease.requested === 'none') return 'no expiry';
  if (lease.endsAt) return leaseEndText(lease.endsAt, now);
  return `${durationWords(lease.requested)} from Running`;
}

/** A lease as the history keeps it: "ends 2026-12-10 18:00 UTC", "no expiry". */
export function leaseDetail(lease: Lease): string {
  return lease.endsAt ? `ends ${lease.endsAt.slice(0, 16).replace('T', ' ')} UTC` : 'no expiry';
}

/** "ends Thu 10 Dec 18:00 UTC" for a ticking lease (lists, Home), else undefined. */
export function leaseEndShort(lease: Lease | undefined): string | undefined {
  if (!isTicking(lease)) return undefined;
  return leaseEndText(lease.endsAt, new Date(lease.endsAt))
    .replace(/^until /, 'lease ends ')
    .replace(/, now$/, '');
}

/** Records with a ticking lease first, soonest end first; the others after them, in the order given. */
export function bySoonestLeaseEnd<T extends { lease?: Lease }>(records: readonly T[]): T[] {
  const end = (record: T) =>
    isTicking(record.lease) ? Date.parse(record.lease.endsAt) : Number.POSITIVE_INFINITY;
  return [...records].sort((a, b) => end(a) - end(b));
}
