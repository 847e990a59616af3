import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Job } from './job';
import { JobSchema } from './schema';

describe('JobSchema', () => {
  it('describes exactly the Job union', () => {
    expectTypeOf<z.infer<typeof JobSchema>>().toEqualTypeOf<Job>();
  });

  it('accepts every kind of job and drops fields that are not part of it', () => {
    const jobs: Job[] = [
      { kind: 'poll', clusterId: 'C1' },
      { kind: 'scale', clusterId: 'C1', pool: 'worker-pool', size: 3, by: 'U1' },
      { kind: 'home', userId: 'U1' },
      { kind: 'reconcile' },
    ];
    for (const job of jobs) expect(JobSchema.parse(job)).toEqual(job);
    expect(JobSchema.parse({ kind: 'expire', clusterId: 'C2', secret: 'x' })).toEqual({
      kind: 'expire',
      clusterId: 'C2',
    });
  });

  it('refuses unknown kinds and missing or mistyped ids', () => {
    for (const payload of [
      { kind: 'explode', clusterId: 'C1' },
      { kind: 'poll' },
      { kind: 'poll', clusterId: '' },
      { kind: 'scale', clusterId: 'C1', pool: 'p', size: -1, by: 'U1' },
      'reconcile',
      null,
    ])
      expect(JobSchema.safeParse(payload).success).toBe(false);
  });
});
