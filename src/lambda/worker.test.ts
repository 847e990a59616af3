import { afterEach, describe, expect, it, vi } from 'vitest';
import { newCluster, recordingJobs, testDeps, untouchable, useDynalite } from '../../test/support/dynalite';
import { recordedMetrics } from '../../test/support/metrics';
import type { Deps } from '../deps';
import type { ClusterStore } from '../store/port';
import { createWorkerHandler } from './worker';

const dynamo = useDynalite();
const NOW = new Date('2030-01-02T12:00:00.000Z');

/** Deps over a fresh table holding one request whose approval expired: a reconcile sweep dispatches `expire`. */
async function world() {
  const table = await dynamo.freshTable();
  const jobs = recordingJobs();
  const deps = testDeps(table, { now: () => NOW, jobs });
  const expired = await deps.store.create(newCluster({ expiresAt: '2030-01-02T00:00:00.000Z' }));
  return { deps, jobs, table, expired };
}

/** The log lines printed while `run` ran. */
async function logLines(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const chunks: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(capture),
    vi.spyOn(process.stderr, 'write').mockImplementation(capture),
  ];
  try {
    await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return chunks
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

afterEach(() => vi.restoreAllMocks());

describe('worker handler', () => {
  it('runs a job given as a Scheduler target Input (JSON text)', async () => {
    const { deps, jobs, expired } = await world();
    await createWorkerHandler(async () => deps)('{"kind":"reconcile"}');
    expect(jobs.dispatched).toEqual([{ kind: 'expire', clusterId: expired.id }]);
  });

  it('runs a job given as an async invoke payload (the object)', async () => {
    const { deps, jobs, expired } = await world();
    await createWorkerHandler(async () => deps)({ kind: 'reconcile' });
    expect(jobs.dispatched).toEqual([{ kind: 'expire', clusterId: expired.id }]);
  });

  it('drops a malformed payload with a log line, without throwing or touching anything', async () => {
    const { deps, jobs, table } = await world();
    const handler = createWorkerHandler(async () => deps);
    table.operations.reset();
    for (const payload of ['not json', '{"kind":"explode"}', { kind: 'poll' }, null, 42]) {
      const lines = await logLines(() => expect(handler(payload)).resolves.toBeUndefined());
      expect(lines).toEqual([
        expect.objectContaining({ level: 'ERROR', message: 'Dropped a payload that is not a job.' }),
      ]);
      expect((lines[0]!.problems as string[]).length).toBeGreaterThan(0);
    }
    expect(jobs.dispatched).toEqual([]);
    expect(table.operations.counts()).toEqual({});
  });

  it('writes the invocation’s metrics before it returns or throws: ok, retried, dropped', async () => {
    const { deps } = await world();
    const recorded = recordedMetrics();
    const handler = createWorkerHandler(async () => ({ ...deps, metrics: recorded.metrics }));
    await handler({ kind: 'reconcile' });
    expect(recorded.written().map((document) => [document.kind, document.outcome])).toContainEqual([
      'reconcile',
      'ok',
    ]);
    await logLines(() => handler({ kind: 'poll' }));
    expect(recorded.written().at(-1)).toMatchObject({ kind: 'invalid', outcome: 'dropped', Jobs: 1 });
    const broken = createWorkerHandler(async () => ({
      ...deps,
      metrics: recorded.metrics,
      store: untouchable<ClusterStore>('store'),
    }));
    await logLines(() => expect(broken({ kind: 'reconcile' })).rejects.toThrow());
    expect(recorded.written().filter((document) => document.outcome === 'retried')).toEqual([
      expect.objectContaining({ kind: 'reconcile', Jobs: 1 }),
    ]);
  });

  it('lets a failing job throw (so Lambda retries it) after logging it with its kind', async () => {
    const { deps } = await world();
    const broken: Deps = { ...deps, store: untouchable<ClusterStore>('store') };
    const lines = await logLines(() =>
      expect(createWorkerHandler(async () => broken)({ kind: 'reconcile' })).rejects.toThrow(
        'store.listActive is not part of this test.',
      ),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: 'Job failed; it will be retried.',
        jobKind: 'reconcile',
      }),
    );
  });

  it('builds its deps once per container, and again after a failed build', async () => {
    const { deps } = await world();
    const build = vi
      .fn<() => Promise<Deps>>()
      .mockRejectedValueOnce(new Error('SSM unreachable'))
      .mockResolvedValue(deps);
    const handler = createWorkerHandler(build);
    await expect(handler({ kind: 'reconcile' })).rejects.toThrow('SSM unreachable');
    await handler({ kind: 'reconcile' });
    await handler({ kind: 'reconcile' });
    expect(build).toHaveBeenCalledTimes(2);
  });
});
