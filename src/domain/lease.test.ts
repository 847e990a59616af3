import { describe, expect, it } from 'vitest';
import {
  bySoonestLeaseEnd,
  DEFAULT_LEASE_SETTINGS,
  DurationListSchema,
  durationCode,
  durationWords,
  extensionsWithinMax,
  type Lease,
  LeaseSchema,
  leaseChoices,
  leaseDue,
  leaseEndShort,
  leaseEndText,
  nextLeaseMoment,
  parseDuration,
  planExtension,
  requestedLease,
  resolveLease,
  startedLease,
} from './lease';

const HOUR = 3_600;
const DAY = 86_400;

describe('durations', () => {
  it('reads 90s, 30m, 24h, 3d, 1w and nothing else', () => {
    expect(['90s', '30m', '24h', '3d', '1w', ' 2D '].map(parseDuration)).toEqual([
      90,
      1_800,
      DAY,
      3 * DAY,
      7 * DAY,
      2 * DAY,
    ]);
    for (const bad of ['', '0d', '3', 'd', '1.5d', '3 days', '-1h', '1y'])
      expect(parseDuration(bad)).toBeUndefined();
  });

  it('writes them back in their largest whole unit, for configuration and for people', () => {
    expect([7 * DAY, 3 * DAY, 36 * HOUR, 90 * 60, 45].map(durationCode)).toEqual([
      '1w',
      '3d',
      '36h',
      '90m',
      '45s',
    ]);
    expect([DAY, 14 * DAY, 5 * 60].map(durationWords)).toEqual(['1 day', '2 weeks', '5 minutes']);
  });

  it('reads a reminder list longest first, without repeats, and names a bad entry', () => {
    expect(DurationListSchema.parse('2h, 24h,2h')).toEqual([DAY, 2 * HOUR]);
    expect(DurationListSchema.parse(['5m', '1m'])).toEqual([300, 60]);
    expect(DurationListSchema.safeParse('24h,soon').error?.issues[0]?.message).toBe(
      '"soon" is not a duration such as 90s, 30m, 24h, 3d or 1w',
    );
  });
});

describe('a team’s lease block', () => {
  it('takes what it sets over the variables, and refuses a default beyond the maximum', () => {
    const entry = LeaseSchema.parse({ max: '3d', reminders: '2h' });
    expect(resolveLease(entry, DEFAULT_LEASE_SETTINGS)).toEqual({
      defaultSeconds: 3 * DAY,
      maxSeconds: 3 * DAY,
      reminderSeconds: [2 * HOUR],
      noneAllowed: false,
    });
    expect(resolveLease(undefined, DEFAULT_LEASE_SETTINGS)).toEqual(DEFAULT_LEASE_SETTINGS);
    expect(LeaseSchema.safeParse({ default: '2w', max: '1w' }).error?.issues[0]).toMatchObject({
      path: ['default'],
      message: 'default cannot be longer than max',
    });
    expect(LeaseSchema.safeParse({ maximum: '1w' }).success).toBe(false);
  });
});

describe('lease choices and requests', () => {
  it('offers the standard lengths up to the maximum, plus the default and the maximum', () => {
    expect(leaseChoices(DEFAULT_LEASE_SETTINGS)).toEqual([DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY]);
    expect(leaseChoices({ ...DEFAULT_LEASE_SETTINGS, defaultSeconds: 600, maxSeconds: 2 * DAY })).toEqual([
      600,
      DAY,
      2 * DAY,
    ]);
  });

  it('gives the default for a choice that is not allowed (beyond the maximum, or no expiry when not allowed)', () => {
    expect(requestedLease(3 * DAY, DEFAULT_LEASE_SETTINGS)).toEqual({ requested: 3 * DAY });
    expect(requestedLease(60 * DAY, DEFAULT_LEASE_SETTINGS)).toEqual({ requested: 7 * DAY });
    expect(requestedLease('none', DEFAULT_LEASE_SETTINGS)).toEqual({ requested: 7 * DAY });
    expect(requestedLease('none', { ...DEFAULT_LEASE_SETTINGS, noneAllowed: true })).toEqual({
      requested: 'none',
    });
  });
});

const running = '2026-12-07T18:00:00.000Z';
const started = startedLease({ requested: 3 * DAY }, running) as Lease & { endsAt: string };
const at = (iso: string) => new Date(iso);

describe('a running lease', () => {
  it('ends its length after Running, and says so for people', () => {
    expect(started).toMatchObject({ startedAt: running, endsAt: '2026-12-10T18:00:00.000Z', setAt: running });
    expect(leaseEndText(started.endsAt, at(running))).toBe('until Thu 10 Dec 18:00 UTC, in 3 d');
    expect(startedLease({ requested: 'none' }, running)).toEqual({ requested: 'none', startedAt: running });
  });

  it('extends within the maximum counted from Running; beyond it needs the approvers', () => {
    expect(planExtension(started, 7 * DAY, DEFAULT_LEASE_SETTINGS)).toEqual({
      ok: true,
      endsAt: '2026-12-17T18:00:00.000Z',
    });
    const tight = { ...DEFAULT_LEASE_SETTINGS, maxSeconds: 5 * DAY };
    expect(planExtension(started, 7 * DAY, tight)).toEqual({
      ok: false,
      kind: 'needs-approval',
      endsAt: '2026-12-17T18:00:00.000Z',
      ceiling: '2026-12-12T18:00:00.000Z',
    });
    expect(extensionsWithinMax(started, tight)).toEqual([DAY]);
    expect(planExtension({ requested: 'none' }, DAY, tight)).toMatchObject({ ok: false, kind: 'no-end' });
    expect(planExtension({ requested: DAY }, DAY, tight)).toMatchObject({ ok: false, kind: 'no-end' });
  });

  it('is due for each reminder at its moment, the nearer one once when several passed, then the delete', () => {
    const settings = { reminderSeconds: [DAY, 2 * HOUR] };
    expect(leaseDue(started, settings, at('2026-12-08T00:00:00Z'))).toEqual({
      kind: 'wait',
      until: '2026-12-09T18:00:00.000Z',
    });
    expect(leaseDue(started, settings, at('2026-12-09T18:00:00Z'))).toEqual({ kind: 'remind', before: DAY });
    expect(leaseDue(started, settings, at('2026-12-10T17:00:00Z'))).toEqual({
      kind: 'remind',
      before: 2 * HOUR,
    });
    expect(leaseDue(started, settings, at('2026-12-10T18:00:00Z'))).toEqual({ kind: 'expire' });
    expect(nextLeaseMoment(started, settings, DAY)).toBe('2026-12-10T16:00:00.000Z');
    expect(nextLeaseMoment(started, settings, 2 * HOUR)).toBe(started.endsAt);
    expect(nextLeaseMoment(started, settings)).toBe('2026-12-09T18:00:00.000Z');
  });

  it('orders records soonest lease end first, those without a ticking lease after, as given', () => {
    const kept = { ...started, kept: { by: 'U0ADMIN', at: running, reason: 'demo' } };
    const later = { ...started, endsAt: '2026-12-20T00:00:00.000Z' };
    const rows = [
      { id: 'none' },
      { id: 'later', lease: later },
      { id: 'kept', lease: kept },
      { id: 'soon', lease: started },
    ];
    expect(bySoonestLeaseEnd(rows).map((row) => row.id)).toEqual(['soon', 'later', 'none', 'kept']);
    expect(leaseEndShort(started)).toBe('lease ends Thu 10 Dec 18:00 UTC');
  });

  it('skips reminders whose moment came before the end was set, and has nothing due once kept', () => {
    const short = startedLease({ requested: HOUR }, running) as Lease & { endsAt: string };
    const settings = { reminderSeconds: [DAY, 2 * HOUR, 600] };
    expect(nextLeaseMoment(short, settings)).toBe('2026-12-07T18:50:00.000Z');
    expect(leaseDue(short, settings, at('2026-12-07T18:10:00Z'))).toMatchObject({ kind: 'wait' });
    const kept = { ...started, kept: { by: 'U0ADMIN', at: running, reason: 'demo' } };
    expect(leaseDue(kept, settings, at('2026-12-11T00:00:00Z'))).toEqual({ kind: 'nothing' });
  });
});
