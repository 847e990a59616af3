import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seeded } from '../../test/support/property';
import type { Job } from '../jobs/job';
import { atExpression, dueMinute, MAX_SCHEDULE_NAME, scheduleName } from './names';

const ULID = '01J9ZQ4V7M3X8K2N5P6R7S8T9V';

describe('dueMinute and atExpression', () => {
  it('round up to the whole minute in UTC, and keep an exact minute', () => {
    expect(atExpression(new Date('2030-03-04T17:27:00.000Z'))).toBe('at(2030-03-04T17:27:00)');
    expect(atExpression(new Date('2030-03-04T17:27:00.001Z'))).toBe('at(2030-03-04T17:28:00)');
    expect(atExpression(new Date('2030-12-31T23:59:30.000Z'))).toBe('at(2031-01-01T00:00:00)');
    expect(dueMinute(new Date('2030-03-04T17:27:59.999Z')).toISOString()).toBe('2030-03-04T17:28:00.000Z');
  });
});

describe('scheduleName', () => {
  const when = new Date('2030-01-01T12:04:10Z');

  it('names by job kind, cluster, purpose and due minute', () => {
    expect(scheduleName({ kind: 'poll', clusterId: ULID }, 'next', when)).toBe(
      `poll_${ULID}_next_20300101t1205`,
    );
    expect(scheduleName({ kind: 'home', userId: 'U0123' }, 'refresh', when)).toBe(
      'home_U0123_refresh_20300101t1205',
    );
    expect(scheduleName({ kind: 'reconcile' }, 'sweep', when)).toBe('reconcile_all_sweep_20300101t1205');
  });

  it('is the same within a due minute and differs across minutes, purposes and clusters', () => {
    const job: Job = { kind: 'expire', clusterId: ULID };
    expect(scheduleName(job, 'ttl', when)).toBe(scheduleName(job, 'ttl', new Date('2030-01-01T12:04:59Z')));
    expect(scheduleName(job, 'ttl', when)).not.toBe(
      scheduleName(job, 'ttl', new Date('2030-01-01T12:05:01Z')),
    );
    expect(scheduleName(job, 'ttl', when)).not.toBe(scheduleName(job, 'other', when));
    expect(scheduleName(job, 'ttl', when)).not.toBe(
      scheduleName({ ...job, clusterId: `${ULID}X` }, 'ttl', when),
    );
  });

  it('keeps long names within 64 characters, unique through a hash', () => {
    const job: Job = { kind: 'force-delete-window', clusterId: ULID };
    const long = scheduleName(job, 'force-delete-window', when);
    expect(long.length).toBe(MAX_SCHEDULE_NAME);
    expect(long.startsWith(`force-delete-window_${ULID}_`)).toBe(true);
    expect(long).not.toBe(scheduleName(job, 'force-delete-window2', when));
  });

  it('always gives a valid Scheduler name, and distinct identities distinct names', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (clusterId, purpose, other) => {
        const name = scheduleName({ kind: 'poll', clusterId }, purpose, when);
        expect(name).toMatch(/^[0-9a-zA-Z_.-]{1,64}$/);
        if (other !== purpose) expect(scheduleName({ kind: 'poll', clusterId }, other, when)).not.toBe(name);
      }),
      seeded('schedule names', 100),
    );
  });
});
