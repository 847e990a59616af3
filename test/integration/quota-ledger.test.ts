import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { totalNodes } from '../../src/domain/spec';
import { DynamoClusterStore } from '../../src/store/dynamo';
import { clusterItem } from '../../src/store/items';
import type { ClusterChange } from '../../src/store/port';
import { newCluster, type TestTable, useDynalite } from '../support/dynalite';
import { validSpec } from '../support/fixtures';

const dynamo = useDynalite();
const tables: TestTable[] = [];

async function ledgerStore() {
  const table = await dynamo.freshTable();
  tables.push(table);
  const clock = { now: new Date('2030-01-01T12:00:00.000Z') };
  const store = new DynamoClusterStore(table.client, table.tableName, () => clock.now, {
    defaultTeam: 'platform',
  });
  return { store, clock, table };
}

afterEach(() => {
  for (const table of tables.splice(0)) expect(table.operations.counts()).not.toHaveProperty('Scan');
});

const at = '2030-01-01T12:05:00.000Z';
const change = (event: ClusterChange['event']): ClusterChange => ({ event, by: 'U0APPROVER', at });
/** A request of `team` with `workers` worker nodes and one control-plane node. */
const request = (team: string, name: string, workers = 2) => {
  const spec = validSpec({ name });
  return newCluster({
    team,
    name,
    spec: {
      ...spec,
      controlPlane: { ...spec.controlPlane, size: 1 },
      workerPools: [{ ...spec.workerPools[0]!, size: workers }],
    },
  });
};
const entries = async (store: DynamoClusterStore, team: string) =>
  (await store.teamLedger(team)).entries.map(({ clusterId, nodes, approved }) => ({
    clusterId,
    nodes,
    approved,
  }));

describe('the team quota ledger', () => {
  it('enters a request as pending, admits it at approval, and lets it go when it ends', async () => {
    const { store } = await ledgerStore();
    const created = await store.create(request('payments', 'pay-1', 5));
    expect(await entries(store, 'payments')).toEqual([{ clusterId: created.id, nodes: 6, approved: false }]);
    expect(await entries(store, 'data')).toEqual([]);

    expect(await store.admitToQuota('payments', created.id, 6, { nodes: 6, clusters: 1 })).toEqual({
      ok: true,
    });
    // A repeated approval (a retried click) is admitted as it is.
    expect(await store.admitToQuota('payments', created.id, 6, { nodes: 6, clusters: 1 })).toEqual({
      ok: true,
    });
    expect(await entries(store, 'payments')).toEqual([{ clusterId: created.id, nodes: 6, approved: true }]);

    let record = await store.apply(created, change('approved'));
    for (const event of ['created', 'running', 'delete-started', 'deleted'] as const)
      record = await store.apply(record, change(event));
    expect(await entries(store, 'payments')).toEqual([]);
    // The room is back: another cluster of 6 fits the same limits.
    const next = await store.create(request('payments', 'pay-2', 5));
    expect(await store.admitToQuota('payments', next.id, 6, { nodes: 6, clusters: 1 })).toEqual({ ok: true });
  });

  it('refuses an admission over the limits, with the ledger it judged on', async () => {
    const { store } = await ledgerStore();
    const first = await store.create(request('payments', 'pay-1', 5));
    const second = await store.create(request('payments', 'pay-2', 3));
    expect((await store.admitToQuota('payments', first.id, 6, { nodes: 8 })).ok).toBe(true);
    const refused = await store.admitToQuota('payments', second.id, 4, { nodes: 8 });
    expect(refused).toMatchObject({ ok: false, ledger: { team: 'payments' } });
    expect(await entries(store, 'payments')).toEqual([
      { clusterId: first.id, nodes: 6, approved: true },
      { clusterId: second.id, nodes: 4, approved: false },
    ]);
    // More than the whole quota is refused even on an empty ledger.
    const { store: empty } = await ledgerStore();
    const huge = await empty.create(request('data', 'big', 20));
    expect((await empty.admitToQuota('data', huge.id, 21, { nodes: 8 })).ok).toBe(false);
  });

  it('releases a request that is rejected, expired or failed', async () => {
    const { store } = await ledgerStore();
    const rejected = await store.create(request('payments', 'pay-r'));
    const failed = await store.create(request('payments', 'pay-f'));
    await store.apply(rejected, change('rejected'));
    await store.admitToQuota('payments', failed.id, 3, {});
    await store.apply(await store.apply(failed, change('approved')), change('create-failed'));
    expect(await entries(store, 'payments')).toEqual([]);
  });

  it('of 10 approvals racing for a team with room for 3 clusters, admits exactly 3', async () => {
    const { store } = await ledgerStore();
    const requests = await Promise.all(
      Array.from({ length: 10 }, (_, n) => store.create(request('payments', `race-${n}`))),
    );
    const outcomes = await Promise.all(
      requests.map((record) => store.admitToQuota('payments', record.id, 3, { clusters: 3, nodes: 40 })),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(3);
    const approved = (await store.teamLedger('payments')).entries.filter((entry) => entry.approved);
    expect(approved).toHaveLength(3);
  });

  it('of approvals racing for the last nodes, admits only what fits', async () => {
    const { store } = await ledgerStore();
    const requests = await Promise.all(
      Array.from({ length: 8 }, (_, n) => store.create(request('payments', `nodes-${n}`, 4))),
    );
    // Each asks for 5 nodes; 12 nodes of room: two fit, the third would make 15.
    const outcomes = await Promise.all(
      requests.map((record) => store.admitToQuota('payments', record.id, 5, { nodes: 12 })),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(2);
  });

  it('resizes an approved cluster: growing within the nodes limit, shrinking always', async () => {
    const { store } = await ledgerStore();
    const created = await store.create(request('payments', 'pay-s', 2));
    await store.admitToQuota('payments', created.id, 3, { nodes: 10 });
    expect(await store.resizeInQuota('payments', created.id, 10, { nodes: 10 })).toEqual({ ok: true });
    expect((await store.resizeInQuota('payments', created.id, 11, { nodes: 10 })).ok).toBe(false);
    expect(await store.resizeInQuota('payments', created.id, 4, { nodes: 1 })).toEqual({ ok: true });
    expect(await entries(store, 'payments')).toEqual([{ clusterId: created.id, nodes: 4, approved: true }]);
  });

  it('corrects an entry only if it is still as read', async () => {
    const { store } = await ledgerStore();
    const created = await store.create(request('payments', 'pay-c', 2));
    const [entry] = (await store.teamLedger('payments')).entries;
    expect(await store.correctQuota('payments', created.id, entry, { nodes: 3, approved: true })).toBe(true);
    // The same stale read again: the entry changed since, so nothing is written.
    expect(await store.correctQuota('payments', created.id, entry, undefined)).toBe(false);
    expect(await entries(store, 'payments')).toEqual([{ clusterId: created.id, nodes: 3, approved: true }]);
    // The approved sums followed the correction: 7 more nodes fit a 10-node quota, 8 do not.
    const other = await store.create(request('payments', 'pay-d', 7));
    expect((await store.admitToQuota('payments', other.id, 8, { nodes: 10 })).ok).toBe(false);
    expect((await store.admitToQuota('payments', other.id, 7, { nodes: 10 })).ok).toBe(true);
  });

  it('reads a record written before teams as the default team’s', async () => {
    const { store, table } = await ledgerStore();
    const legacy = request('x', 'legacy');
    const { team: _none, ...item } = clusterItem({
      ...legacy,
      state: 'RUNNING',
      updatedAt: legacy.requestedAt,
      approvals: [],
      version: 3,
      history: [],
    });
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: item }));
    const read = await store.get(legacy.id);
    expect(read?.team).toBe('platform');
    expect(totalNodes(read!.spec)).toBe(3);
  });
});
