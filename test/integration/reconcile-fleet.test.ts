import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps';
import type { ClusterRecord } from '../../src/domain/cluster';
import { createReconciler } from '../../src/jobs/handlers/reconcile';
import { forEachBounded } from '../../src/jobs/pace';
import {
  type PaletteSimulator,
  type SimCluster,
  startPaletteSimulator,
} from '../../src/local/palette/simulator';
import { createPaletteProjects } from '../../src/palette/client';
import type { PaletteProjects } from '../../src/palette/port';
import { type TestTable, useDynalite } from '../support/dynalite';
import { iso, minutes, recordIn, worldOver } from './reconcile.support';

/**
 * The bulk sweep against the Palette simulator with Palette's rate limits enforced: states come from pages of the
 * cluster search (50 a page), single reads only for clusters no page lists, and a walk cut by the time budget
 * resumes from the stored cursor.
 */

const dynamo = useDynalite();
let sim: PaletteSimulator;
let projects: PaletteProjects & { close(): Promise<void> };
const nowMs = Date.parse('2030-01-01T13:00:00.000Z');
const tables: TestTable[] = [];

beforeAll(async () => {
  sim = await startPaletteSimulator({ now: () => nowMs, rateLimits: true });
  projects = createPaletteProjects({ apiUrl: sim.url, apiKey: sim.apiKey });
});
afterAll(async () => {
  await projects.close();
  await sim.close();
});
afterEach(() => {
  for (const table of tables.splice(0)) expect(table.operations.counts()).not.toHaveProperty('Scan');
  // Paced by design: Palette never had to refuse a call for rate.
  expect(sim.counters().tooManyRequests.enforced).toBe(0);
});

/** A fresh table, and Palette in a project of the test's own (so its pages hold only its clusters). */
async function world(project: string) {
  const table = await dynamo.freshTable();
  tables.push(table);
  const palette = projects.forProject(project);
  const seed = (count: number, options: Parameters<PaletteSimulator['seedClusters']>[1] = {}) =>
    byName(sim.seedClusters(count, { ...options, projectUid: project }));
  return { ...worldOver(table, palette, () => new Date(nowMs)), palette, seed };
}

/** One RUNNING record per cluster (same name, its uid), by id. */
async function runningRecords(
  deps: Deps,
  clusters: readonly SimCluster[],
): Promise<Map<string, ClusterRecord>> {
  const records = new Map<string, ClusterRecord>();
  await forEachBounded(clusters, 8, async (cluster) => {
    const record = await recordIn(deps, 'RUNNING', {
      name: cluster.name,
      at: nowMs - minutes(60),
      paletteUid: cluster.uid,
    });
    records.set(cluster.name, record);
  });
  return records;
}

/** Palette's order of the search pages: by name. */
const byName = (clusters: readonly SimCluster[]) => [...clusters].sort((a, b) => (a.name < b.name ? -1 : 1));

const calls = () => sim.counters().byPrefix;
/** Pages of the cluster search read (the rest of /v1/dashboard is the after-Running watch's repave list). */
const searches = () => sim.counters().byOperation.search ?? 0;

// Paced by Palette's enforced limits (pages at 10 rps, single reads), so each test takes 8–9 s on any machine; the
// budget is for that pacing plus a loaded machine's share (stress runs: test:stress flagged the default 30 s).
describe('bulk reconcile through the cluster search (Palette limits enforced)', { timeout: 90_000 }, () => {
  it('reads 120 clusters in 3 pages, follows changes outside the bot, re-sends lost jobs, reads only the missing', async () => {
    const { deps, jobs, palette, seed } = await world('6650a1b2c3d4e5f6a7b8c9a1');
    const clusters = seed(120, { namePrefix: 'fleet' });
    const records = await runningRecords(deps, clusters);
    const [changed, gone] = [clusters[7]!, clusters[99]!];
    // Changed outside the bot: a delete started in Palette's console (the page says Deleting).
    await palette.deleteCluster(changed.uid, { force: false });
    // Deleted outside the bot: force-deleted, so Palette's search no longer lists it.
    await palette.deleteCluster(gone.uid, { force: false });
    await palette.deleteCluster(gone.uid, { force: true });
    // Missing from every page: a cluster Palette does not know at all.
    const vanished = await recordIn(deps, 'RUNNING', {
      name: 'fleet-vanished',
      at: nowMs - minutes(60),
      paletteUid: 'ffffffffffffffffffffffff',
    });
    // A lost job: approved ten minutes ago and still no cluster.
    const lostCreate = await recordIn(deps, 'APPROVED', { name: 'lost-create', at: nowMs - minutes(10) });
    // A stalled poll chain on a cluster still provisioning: the page says so, and the poll is sent again.
    const [slowCluster] = seed(1, { namePrefix: 'slow', state: 'Provisioning' });
    const slow = await recordIn(deps, 'PROVISIONING', {
      name: slowCluster!.name,
      at: nowMs - minutes(10),
      paletteUid: slowCluster!.uid,
    });

    sim.resetCounters();
    await createReconciler()({ kind: 'reconcile' }, deps);

    // 122 clusters in Palette → 3 pages; 2 single reads: the force-deleted one and the vanished one.
    expect(searches()).toBe(3);
    // One paged list of held repaves per project for the running clusters' watch (issue 12), from the same sweep.
    expect(calls()['/v1/dashboard']).toBe(4);
    expect(calls()['/v1/spectroclusters']).toBe(2);
    expect((await deps.store.get(records.get(changed.name)!.id))!).toMatchObject({
      state: 'DELETING',
      deleteKind: 'delete',
    });
    expect((await deps.store.get(records.get(gone.name)!.id))!.state).toBe('DELETED');
    expect((await deps.store.get(vanished.id))!).toMatchObject({ state: 'DELETED' });
    expect((await deps.store.get(records.get(clusters[8]!.name)!.id))!.state).toBe('RUNNING');
    expect(jobs.dispatched).toEqual(
      expect.arrayContaining([
        { kind: 'poll', clusterId: records.get(changed.name)!.id },
        { kind: 'poll', clusterId: records.get(gone.name)!.id },
        { kind: 'poll', clusterId: vanished.id },
        { kind: 'create', clusterId: lostCreate.id },
        { kind: 'poll', clusterId: slow.id },
      ]),
    );
    expect(jobs.dispatched).toHaveLength(5);
    // A walk that went round leaves no cursor.
    expect(await deps.store.sweepCursor()).toBeUndefined();
  });

  it('resumes from the stored cursor after a budget cut, so every cluster is seen within the rotation', async () => {
    const { deps, palette, seed } = await world('6650a1b2c3d4e5f6a7b8c9a2');
    const clusters = seed(120, { namePrefix: 'resume' });
    const records = await runningRecords(deps, clusters);
    const onPage = (n: number) => clusters.slice(n * 50, n * 50 + 50);
    const lastOnPage3 = onPage(2).at(-1)!;
    await palette.deleteCluster(lastOnPage3.uid, { force: false });
    // Out of time at once: each sweep reads one page (a sweep always makes progress) and stores where it stopped.
    // (One page of the active index holds every record here: the index walk's first page is never cut either.)
    const cut = createReconciler({ budgetMs: -1, pageSize: 500 });
    const state = async (cluster: SimCluster) => (await deps.store.get(records.get(cluster.name)!.id))!.state;

    sim.resetCounters();
    await cut({ kind: 'reconcile' }, deps);
    expect(searches()).toBe(1);
    expect(await deps.store.sweepCursor()).toMatchObject({ project: '', after: onPage(0).at(-1)!.name });
    expect(await state(lastOnPage3)).toBe('RUNNING');

    // Meanwhile a cluster of the first page goes: the pages shift by one, and the second sweep's page starts one
    // cluster later. That cluster falls between the cursor and the page, so it is read on its own.
    const goneFromPage1 = onPage(0)[3]!;
    await palette.deleteCluster(goneFromPage1.uid, { force: false });
    await palette.deleteCluster(goneFromPage1.uid, { force: true });
    sim.resetCounters();
    await cut({ kind: 'reconcile' }, deps);
    expect(searches()).toBe(1);
    expect(calls()['/v1/spectroclusters']).toBe(1);
    // The shifted page ended one cluster later.
    expect(await deps.store.sweepCursor()).toMatchObject({ after: clusters[100]!.name });
    // Behind the cursor: it waits for the next rotation.
    expect(await state(goneFromPage1)).toBe('RUNNING');

    sim.resetCounters();
    await cut({ kind: 'reconcile' }, deps);
    expect(searches()).toBe(1);
    expect(await state(lastOnPage3)).toBe('DELETING');
    // The third sweep reached the last page: the rotation starts again.
    expect(await deps.store.sweepCursor()).toBeUndefined();

    sim.resetCounters();
    await cut({ kind: 'reconcile' }, deps);
    expect(searches()).toBe(1);
    expect(calls()['/v1/spectroclusters']).toBe(1);
    expect(await state(goneFromPage1)).toBe('DELETED');
    expect(iso(nowMs)).toBe((await deps.store.get(records.get(goneFromPage1.name)!.id))!.endedAt);
  });
});
