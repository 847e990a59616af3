import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/jobs/job';
import type { Jobs } from '../../src/jobs/port';
import { ensureTable, localDocumentClient, startDynalite } from '../../src/local/dynalite';
import { createLogger } from '../../src/log';
import { LocalScheduler } from '../../src/scheduler/local';
import { recordingJobs, type TestTable, useDynalite } from '../support/dynalite';

const dynamo = useDynalite();
const running: LocalScheduler[] = [];
const tables: TestTable[] = [];
const logger = createLogger('scheduler-test', []);

/** A clock the test moves by hand, shared by every "process" of one test. */
function manualClock(start = '2030-01-01T12:00:00.000Z') {
  let now = new Date(start);
  return { now: () => now, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

/** A LocalScheduler as one process would build it over the shared table. */
function process(table: TestTable, clock: ReturnType<typeof manualClock>, jobs: Jobs) {
  const scheduler = new LocalScheduler({
    client: table.client,
    tableName: table.tableName,
    jobs,
    logger,
    now: clock.now,
    tickMs: 60_000,
  });
  running.push(scheduler);
  return scheduler;
}

async function freshTable() {
  const table = await dynamo.freshTable();
  tables.push(table);
  return table;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((scheduler) => scheduler.stop()));
  for (const table of tables.splice(0)) expect(table.operations.counts()).not.toHaveProperty('Scan');
});

describe('LocalScheduler', () => {
  it('fires a schedule once after a restart past its due time', async () => {
    const table = await freshTable();
    const clock = manualClock();
    const job: Job = { kind: 'force-delete-window', clusterId: 'C1' };

    const before = recordingJobs();
    const first = process(table, clock, before);
    first.start();
    await first.at(new Date(clock.now().getTime() + 15 * 60_000), job, 'window');
    expect(await first.fireDue()).toBe(0);
    await first.stop();

    clock.advance(20 * 60_000);
    const after = recordingJobs();
    const second = process(table, clock, after);
    second.start(); // fires the overdue schedule at once
    await second.fireDue();
    expect(await second.fireDue()).toBe(0);
    expect(before.dispatched).toEqual([]);
    expect(after.dispatched).toEqual([job]);
  });

  it('fires each due schedule exactly once when two processes race for it', async () => {
    const table = await freshTable();
    const clock = manualClock();
    const setter = process(table, clock, recordingJobs());
    const due: Job[] = Array.from({ length: 8 }, (_, n) => ({ kind: 'poll', clusterId: `C${n}` }));
    for (const [n, job] of due.entries())
      await setter.at(new Date(clock.now().getTime() + n * 1_000), job, 'next');
    clock.advance(60_000);

    const a = recordingJobs();
    const b = recordingJobs();
    const [firedA, firedB] = await Promise.all([
      process(table, clock, a).fireDue(),
      process(table, clock, b).fireDue(),
    ]);
    expect(firedA + firedB).toBe(due.length);
    const all = [...a.dispatched, ...b.dispatched];
    expect(all).toHaveLength(due.length);
    expect(new Set(all.map((job) => (job.kind === 'poll' ? job.clusterId : '')))).toEqual(
      new Set(due.map((job) => (job.kind === 'poll' ? job.clusterId : ''))),
    );
  });

  it('keeps one schedule when asked twice in the same minute, fires only what is due, in time order', async () => {
    const table = await freshTable();
    const clock = manualClock();
    const jobs = recordingJobs();
    const scheduler = process(table, clock, jobs);
    const soon: Job = { kind: 'expire', clusterId: 'C-soon' };
    const later: Job = { kind: 'expire', clusterId: 'C-later' };
    const earlier: Job = { kind: 'expire', clusterId: 'C-earlier' };
    const t = (minutes: number) => new Date(clock.now().getTime() + minutes * 60_000);
    const name = await scheduler.at(t(2), soon, 'ttl');
    expect(await scheduler.at(new Date(t(2).getTime() - 10_000), soon, 'ttl')).toBe(name);
    await scheduler.at(t(60), later, 'ttl');
    await scheduler.at(t(1), earlier, 'ttl');

    clock.advance(5 * 60_000);
    expect(await scheduler.fireDue()).toBe(2);
    expect(jobs.dispatched).toEqual([earlier, soon]);
    clock.advance(60 * 60_000);
    expect(await scheduler.fireDue()).toBe(1);
    expect(jobs.dispatched).toEqual([earlier, soon, later]);
  });

  it('keeps one named schedule that put moves: it fires once, at its latest moment only', async () => {
    const table = await freshTable();
    const clock = manualClock();
    const jobs = recordingJobs();
    const scheduler = process(table, clock, jobs);
    const job: Job = { kind: 'lease', clusterId: 'C-lease' };
    const t = (minutes: number) => new Date(clock.now().getTime() + minutes * 60_000);
    await scheduler.put('lease_C-lease', t(5), job);
    await scheduler.put('lease_C-lease', t(30), job);
    clock.advance(10 * 60_000);
    expect(await scheduler.fireDue()).toBe(0);
    clock.advance(30 * 60_000);
    expect(await scheduler.fireDue()).toBe(1);
    expect(await scheduler.fireDue()).toBe(0);
    expect(jobs.dispatched).toEqual([job]);
  });

  it('does not fire a cancelled schedule; cancelling a missing one is fine', async () => {
    const table = await freshTable();
    const clock = manualClock();
    const jobs = recordingJobs();
    const scheduler = process(table, clock, jobs);
    const name = await scheduler.at(
      new Date(clock.now().getTime() + 60_000),
      { kind: 'poll', clusterId: 'C1' },
      'next',
    );
    await scheduler.cancel(name);
    await scheduler.cancel(name);
    clock.advance(120_000);
    expect(await scheduler.fireDue()).toBe(0);
    expect(jobs.dispatched).toEqual([]);
  });

  it('survives a restart of the whole local runtime: dynalite persisted under a data directory', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'maas-chatops-data-'));
    const clock = manualClock();
    const job: Job = { kind: 'expire', clusterId: 'C-persisted' };
    try {
      const before = await startDynalite({ path: dataDir });
      const firstClient = localDocumentClient(before.endpoint);
      await ensureTable(firstClient, 'maas-chatops');
      const first = new LocalScheduler({
        client: firstClient,
        tableName: 'maas-chatops',
        jobs: recordingJobs(),
        logger,
        now: clock.now,
      });
      await first.at(new Date(clock.now().getTime() + 60_000), job, 'ttl');
      await before.close();

      clock.advance(10 * 60_000);
      const after = await startDynalite({ path: dataDir });
      const secondClient = localDocumentClient(after.endpoint);
      await ensureTable(secondClient, 'maas-chatops');
      const jobs = recordingJobs();
      const second = new LocalScheduler({
        client: secondClient,
        tableName: 'maas-chatops',
        jobs,
        logger,
        now: clock.now,
      });
      expect(await second.fireDue()).toBe(1);
      expect(jobs.dispatched).toEqual([job]);
      await after.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
