import { describe, expect, it, vi } from 'vitest';
import type { Deps } from '../deps';
import { createLogger } from '../log';
import type { JobHandler } from './handler';
import { runJob } from './worker';

/** Only the logger matters to runJob itself; the handlers get the rest as it is. */
function depsWithLogger() {
  const logger = createLogger('run-job-test', []);
  return { deps: { logger } as Deps, logger };
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

  it('logs and drops a kind that has no handler', async () => {
    const { deps, logger } = depsWithLogger();
    const child = createLogger('child', []);
    vi.spyOn(logger, 'createChild').mockReturnValue(child);
    const warn = vi.spyOn(child, 'warn').mockImplementation(() => undefined);
    await expect(runJob({ kind: 'delete', clusterId: 'C1' }, deps, {})).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith('No handler for this job kind yet: job dropped.');
  });

  it("passes a handler's failure on, so the runtime retries the job", async () => {
    const { deps } = depsWithLogger();
    const failing: JobHandler<'home'> = async () => {
      throw new Error('Slack is down');
    };
    await expect(runJob({ kind: 'home', userId: 'U1' }, deps, { home: failing })).rejects.toThrow(
      'Slack is down',
    );
  });
});
