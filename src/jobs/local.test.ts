import { describe, expect, it, vi } from 'vitest';
import { recordedMetrics } from '../../test/support/metrics';
import { createLogger } from '../log';
import type { Job } from './job';
import { LocalJobs } from './local';

const logger = createLogger('local-jobs-test', []);
const poll = (clusterId: string): Job => ({ kind: 'poll', clusterId });

describe('LocalJobs', () => {
  it('returns from dispatch before the job runs, and idle() waits for it and the jobs it dispatches', async () => {
    const ran: string[] = [];
    const jobs: LocalJobs = new LocalJobs({
      logger,
      metrics: recordedMetrics().metrics,
      run: async (job) => {
        ran.push(job.kind === 'poll' ? job.clusterId : job.kind);
        if (job.kind === 'poll' && job.clusterId === 'C1') await jobs.dispatch(poll('C2'));
      },
    });
    await jobs.dispatch(poll('C1'));
    expect(ran).toEqual([]);
    await jobs.idle();
    expect(ran).toEqual(['C1', 'C2']);
    await expect(jobs.idle()).resolves.toBeUndefined();
  });

  it('retries a failing job after the given delays, as Lambda would', async () => {
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    let attempts = 0;
    const recorded = recordedMetrics();
    const jobs = new LocalJobs({
      logger,
      metrics: recorded.metrics,
      retryDelaysMs: [0, 0],
      run: async () => {
        attempts++;
        if (attempts < 3) throw new Error(`attempt ${attempts} failed`);
      },
    });
    await jobs.dispatch(poll('C1'));
    await jobs.idle();
    expect(attempts).toBe(3);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(recorded.values('Jobs', { kind: 'poll', outcome: 'retried' })).toEqual([1, 1]);
    expect(recorded.find('Jobs', { outcome: 'dropped' })).toEqual([]);
  });

  it('logs and drops a job that keeps failing, without an unhandled rejection', async () => {
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    let attempts = 0;
    const recorded = recordedMetrics();
    const jobs = new LocalJobs({
      logger,
      metrics: recorded.metrics,
      retryDelaysMs: [0],
      run: async () => {
        attempts++;
        throw new Error('Palette is down');
      },
    });
    await jobs.dispatch(poll('C9'));
    await jobs.idle();
    expect(attempts).toBe(2);
    expect(error).toHaveBeenCalledWith(
      'Job failed after its retries: dropped.',
      expect.objectContaining({ jobKind: 'poll', clusterId: 'C9' }),
    );
    expect(recorded.values('Jobs', { kind: 'poll', outcome: 'retried' })).toEqual([1]);
    expect(recorded.values('Jobs', { kind: 'poll', outcome: 'dropped' })).toEqual([1]);
  });
});
