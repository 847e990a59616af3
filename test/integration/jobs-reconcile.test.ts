import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps';
import { createReconciler } from '../../src/jobs/handlers/reconcile';
import { runJob } from '../../src/jobs/worker';
import { type PaletteSimulator, startPaletteSimulator } from '../../src/local/palette/simulator';
import { createPaletteClient } from '../../src/palette/client';
import type { Palette } from '../../src/palette/port';
import { newCluster, type TestTable, useDynalite } from '../support/dynalite';
import { iso, minutes, recordIn, worldOver } from './reconcile.support';

const dynamo = useDynalite();
let sim: PaletteSimulator;
let palette: Palette & { close(): Promise<void> };
/** One clock for the bot and the simulator, moved by hand. */
let nowMs = Date.parse('2030-01-01T13:00:00.000Z');
const tables: TestTable[] = [];

beforeAll(async () => {
  sim = await startPaletteSimulator({ now: () => nowMs, rateLimits: false });
  palette = createPaletteClient({ apiUrl: sim.url, apiKey: sim.apiKey });
});
afterAll(async () => {
  await palette.close();
  await sim.close();
});
afterEach(() => {
  for (const table of tables.splice(0)) expect(table.operations.counts()).not.toHaveProperty('Scan');
});

/** Deps over a fresh table (checked for Scans after the test), the simulator through the real Palette client. */
async function world() {
  const table = await dynamo.freshTable();
  tables.push(table);
  return worldOver(table, palette, () => new Date(nowMs));
}

const sweep = (deps: Deps) => runJob({ kind: 'reconcile' }, deps);

describe('reconciler (dynalite + Palette simulator)', () => {
  it('re-dispatches the review of a request whose card was never posted, once the review had time', async () => {
    const { deps, jobs } = await world();
    const lost = await recordIn(deps, 'PENDING_APPROVAL', {
      name: 'lost-review',
      at: nowMs - minutes(3),
      cardPosted: false,
    });
    await recordIn(deps, 'PENDING_APPROVAL', { name: 'fresh-review', at: nowMs - 30_000, cardPosted: false });
    await recordIn(deps, 'PENDING_APPROVAL', { name: 'reviewed', at: nowMs - minutes(3) });
    await sweep(deps);
    expect(jobs.dispatched).toEqual([{ kind: 'review', clusterId: lost.id }]);
  });

  it('re-dispatches an expired request and a lost create once per window, and leaves fresh ones alone', async () => {
    const { deps, jobs } = await world();
    const expired = await recordIn(deps, 'PENDING_APPROVAL', {
      name: 'expired',
      at: nowMs - minutes(90),
      expiresAt: nowMs - minutes(1),
    });
    await recordIn(deps, 'PENDING_APPROVAL', { name: 'waiting', at: nowMs - minutes(5) });
    const lost = await recordIn(deps, 'APPROVED', { name: 'lost-create', at: nowMs - minutes(10) });
    await recordIn(deps, 'APPROVED', { name: 'just-approved', at: nowMs - minutes(1) });

    await sweep(deps);
    expect(jobs.dispatched).toEqual(
      expect.arrayContaining([
        { kind: 'expire', clusterId: expired.id },
        { kind: 'create', clusterId: lost.id },
      ]),
    );
    expect(jobs.dispatched).toHaveLength(2);

    // Duplicate sweeps (Scheduler delivers at least once) do not pile up jobs...
    await sweep(deps);
    expect(jobs.dispatched).toHaveLength(2);
    // ...but a job that still has not done its work is sent again once the window has passed.
    nowMs += minutes(6);
    await sweep(deps);
    expect(jobs.dispatched.filter((job) => job.kind === 'create' && job.clusterId === lost.id)).toHaveLength(
      2,
    );
  });

  it('notices a cluster deleted in Palette, moves the record to DELETING and arranges the force-delete window', async () => {
    const { deps, jobs, scheduler } = await world();
    const [cluster] = sim.seedClusters(1, { namePrefix: 'outside-delete' });
    const record = await recordIn(deps, 'RUNNING', {
      name: 'outside-delete',
      at: nowMs - minutes(60),
      paletteUid: cluster!.uid,
    });
    await palette.deleteCluster(cluster!.uid, { force: false });

    await sweep(deps);
    const deleting = (await deps.store.get(record.id))!;
    expect(deleting).toMatchObject({ state: 'DELETING', deleteKind: 'delete', deletingSince: iso(nowMs) });
    expect(deleting.history.at(-1)).toMatchObject({
      by: 'palette',
      event: 'delete-started',
      from: 'RUNNING',
      to: 'DELETING',
      detail: 'Palette reports Deleting.',
    });
    expect(jobs.dispatched).toEqual([{ kind: 'poll', clusterId: record.id }]);

    // The window schedule is durable: it fires FORCE_DELETE_AFTER (900 s) later.
    nowMs += 900_000;
    expect(await scheduler.fireDue()).toBe(1);
    expect(jobs.dispatched.at(-1)).toEqual({ kind: 'force-delete-window', clusterId: record.id });
  });

  it('ends a record whose cluster Palette no longer knows (404), freeing its name and the active index', async () => {
    const { deps, jobs } = await world();
    const record = await recordIn(deps, 'RUNNING', {
      name: 'vanished',
      at: nowMs - minutes(60),
      paletteUid: 'ffffffffffffffffffffffff',
    });
    await sweep(deps);
    const ended = (await deps.store.get(record.id))!;
    expect(ended).toMatchObject({ state: 'DELETED', endedAt: iso(nowMs) });
    expect(ended.history.at(-1)).toMatchObject({ event: 'deleted', by: 'palette' });
    expect(jobs.dispatched).toEqual([{ kind: 'poll', clusterId: record.id }]);
    expect((await deps.store.listActive()).items).toEqual([]);
    const again = newCluster({ name: 'vanished' });
    expect((await deps.store.create(again)).id).toBe(again.id);
  });

  it('reads Palette for a provisioning cluster only when its poll chain has stalled', async () => {
    const { deps, jobs } = await world();
    const [ready] = sim.seedClusters(1, { namePrefix: 'prov' });
    const fresh = await recordIn(deps, 'PROVISIONING', {
      name: 'fresh',
      at: nowMs - minutes(1),
      paletteUid: ready!.uid,
    });
    const stalled = await recordIn(deps, 'PROVISIONING', {
      name: 'stalled',
      at: nowMs - minutes(10),
      paletteUid: ready!.uid,
    });
    sim.resetCounters();
    await sweep(deps);
    // Only the stalled one needed Palette's word, which one page of the cluster search gave (no single read);
    // Palette says Running, so it moves on and its thread is told.
    expect(sim.counters().byPrefix['/v1/dashboard']).toBe(1);
    expect(sim.counters().byPrefix['/v1/spectroclusters']).toBe(0);
    expect((await deps.store.get(stalled.id))!.state).toBe('RUNNING');
    expect((await deps.store.get(fresh.id))!.state).toBe('PROVISIONING');
    expect(jobs.dispatched).toEqual([{ kind: 'poll', clusterId: stalled.id }]);

    // A stalled one that Palette still reports provisioning just gets its poll back.
    const [provisioning] = sim.seedClusters(1, { namePrefix: 'slow', state: 'Provisioning' });
    const slow = await recordIn(deps, 'PROVISIONING', {
      name: 'slow',
      at: nowMs - minutes(10),
      paletteUid: provisioning!.uid,
    });
    await sweep(deps);
    expect(jobs.dispatched.at(-1)).toEqual({ kind: 'poll', clusterId: slow.id });
    expect((await deps.store.get(slow.id))!.state).toBe('PROVISIONING');
  });

  it('walks every page of the active index with Queries only', async () => {
    const { deps, jobs, table } = await world();
    const expiredIds: string[] = [];
    for (let n = 0; n < 7; n++) {
      const record = await recordIn(deps, 'PENDING_APPROVAL', {
        name: `page-${n}`,
        at: nowMs - minutes(90),
        expiresAt: nowMs - minutes(1),
      });
      expiredIds.push(record.id);
    }
    table.operations.reset();
    await createReconciler({ pageSize: 2 })({ kind: 'reconcile' }, deps);
    expect(jobs.dispatched.map((job) => ('clusterId' in job ? job.clusterId : '')).sort()).toEqual(
      expiredIds.sort(),
    );
    const counts = table.operations.counts();
    expect(counts.Query).toBe(4);
    // Then one GetItem: the quota ledger of the one team, audited against the records walked (nothing to put right).
    expect(counts.GetItem).toBe(1);
    expect(Object.keys(counts).sort()).toEqual(['GetItem', 'PutItem', 'Query']);
  });
});
