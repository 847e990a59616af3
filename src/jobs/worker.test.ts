import { ErrorCode } from '@slack/web-api';
import { describe, expect, it, vi } from 'vitest';
import { recordedMetrics } from '../../test/support/metrics';
import type { Config } from '../config';
import type { Deps } from '../deps';
import { createLogger } from '../log';
import type { Scheduler } from '../scheduler/port';
import type { JobHandler } from './handler';
import { runJob } from './worker';

/** Only the logger and the metrics matter to runJob itself; the handlers get the rest as it is. */
function depsWithLogger() {
  const logger = createLogger('run-job-test', []);
  const recorded = recordedMetrics();
  const parts: Pick<Deps, 'logger' | 'metrics'> = { logger, metrics: recorded.metrics };
  return { deps: parts as Deps, logger, recorded };
}

describe('runJob', () => {
  it("calls the kind's handler with the job and a logger keyed by job kind and cluster", async () => {
    const { deps } = depsWithLogger();
    const poll = vi.fn<JobHandler<'poll'>>(async () => undefined);
    await runJob({ kind: 'poll', clusterId: 'C1' }, deps, { poll });
    expect(poll).toHaveBeenCalledTimes(1);
    const [job, given] = poll.mock.calls[0]!;
    expect(job).toEqual({ kind: 'poll', clusterId: 'C1' });
    expect(given.logger.getPersistentLogAttributes()).toMatchObject({ jobKind: 'poll', clusterId: 'C1' });
  });

  it('counts a finished job ok and times it, by kind (EMF)', async () => {
    const { deps, recorded } = depsWithLogger();
    await runJob({ kind: 'poll', clusterId: 'C1' }, deps, { poll: async () => undefined });
    const [counted] = recorded.find('Jobs');
    expect(counted).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Dimensions: [
              ['service', 'kind', 'outcome'],
              ['service', 'outcome'],
            ],
            Metrics: [{ Name: 'Jobs', Unit: 'Count' }],
          },
        ],
      },
      service: 'maas-chatops',
      kind: 'poll',
      outcome: 'ok',
      Jobs: 1,
    });
    expect(recorded.values('JobDuration', { kind: 'poll' })).toHaveLength(1);
  });

  it('logs and drops a kind that has no handler', async () => {
    const { deps, logger, recorded } = depsWithLogger();
    const child = createLogger('child', []);
    vi.spyOn(logger, 'createChild').mockReturnValue(child);
    const warn = vi.spyOn(child, 'warn').mockImplementation(() => undefined);
    await expect(runJob({ kind: 'delete', clusterId: 'C1' }, deps, {})).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith('No handler for this job kind yet: job dropped.');
    expect(recorded.values('Jobs', { kind: 'delete', outcome: 'dropped' })).toEqual([1]);
  });

  it("passes a handler's failure on, so the runtime retries the job", async () => {
    const { deps, recorded } = depsWithLogger();
    const failing: JobHandler<'home'> = async () => {
      throw new Error('Slack is down');
    };
    await expect(runJob({ kind: 'home', userId: 'U1' }, deps, { home: failing })).rejects.toThrow(
      'Slack is down',
    );
    // Timed, but not counted here: the runtime counts it retried or dropped.
    expect(recorded.values('JobDuration', { kind: 'home' })).toHaveLength(1);
    expect(recorded.find('Jobs')).toEqual([]);
  });

  it("runs a job Slack's budget has no room for a tier window later, instead of failing it", async () => {
    const { deps, recorded } = depsWithLogger();
    const at = vi.fn<Scheduler['at']>(async () => 'schedule-name');
    const now = new Date('2026-12-04T10:00:00.000Z');
    const withScheduler = {
      ...deps,
      now: () => now,
      config: { slack: { rateWindowScale: 1 } } as Config,
      scheduler: { at, put: vi.fn(), cancel: vi.fn() },
    };
    const overRate: JobHandler<'decision'> = async () => {
      // What the WebClient throws when Slack (or the limiter, out of time for a slot) answers `ratelimited`.
      throw Object.assign(new Error('An API error occurred: ratelimited'), {
        code: ErrorCode.PlatformError,
        data: { ok: false, error: 'ratelimited' },
      });
    };
    const job = { kind: 'decision', clusterId: 'C1' } as const;
    await expect(runJob(job, withScheduler, { decision: overRate })).resolves.toBeUndefined();
    expect(at).toHaveBeenCalledExactlyOnceWith(new Date('2026-12-04T10:01:00.000Z'), job, 'slack-budget');
    expect(recorded.values('Jobs', { kind: 'decision', outcome: 'deferred' })).toEqual([1]);
    expect(recorded.values('Jobs', { kind: 'decision', outcome: 'ok' })).toEqual([]);
  });
});
