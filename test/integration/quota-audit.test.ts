import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { ClusterRecord } from '../../src/domain/cluster';
import { IMPLICIT_TEAM } from '../../src/domain/team';
import { auditQuotaLedgers } from '../../src/jobs/quota-audit';
import { clusterItem } from '../../src/store/items';
import { newCluster, testDeps, useDynalite } from '../support/dynalite';

const dynamo = useDynalite();
const MINUTE = 60_000;
const GRACE = 10 * MINUTE;

/** Deps over a fresh table with a clock the test moves. */
async function world() {
  const table = await dynamo.freshTable();
  const clock = { now: Date.parse('2030-01-01T12:00:00.000Z') };
  const deps = testDeps(table, { now: () => new Date(clock.now) });
  /** Writes a record item as it stands, without the store's ledger writes (as before ledgers, or after a crash). */
  const putRecord = (record: ClusterRecord) =>
    table.client.send(new PutCommand({ TableName: table.tableName, Item: clusterItem(record) }));
  const audit = async () =>
    auditQuotaLedgers(deps, (await deps.store.listActive()).items, GRACE).then((tally) => tally.corrected);
  const entries = async () =>
    (await deps.store.teamLedger(IMPLICIT_TEAM)).entries
      .map(({ clusterId, nodes, approved }) => ({ clusterId, nodes, approved }))
      .sort((a, b) => a.clusterId.localeCompare(b.clusterId));
  return { deps, clock, putRecord, audit, entries };
}

/** A record in `state` as the store would hold it. */
function recordIn(state: ClusterRecord['state'], name: string, updatedAt: string): ClusterRecord {
  const request = newCluster({ name });
  return { ...request, state, updatedAt, approvals: [], version: 5, history: [] };
}

describe('the quota ledger audit (after a complete reconcile sweep)', () => {
  it('enters clusters approved before ledgers existed, and removes the entry of one that ended', async () => {
    const { deps, clock, putRecord, audit, entries } = await world();
    const old = new Date(clock.now - 60 * MINUTE).toISOString();
    const running = recordIn('RUNNING', 'legacy-running', old);
    const waiting = recordIn('PENDING_APPROVAL', 'legacy-waiting', old);
    await putRecord(running);
    await putRecord(waiting);
    // A request ended without its release (a crash between the transition and the ledger write).
    const ended = await deps.store.create(newCluster({ name: 'ended' }));
    await putRecord({ ...ended, state: 'REJECTED', updatedAt: old, version: 2 });
    clock.now += GRACE + MINUTE;

    expect(await audit()).toBe(3);
    expect(await entries()).toEqual(
      [
        { clusterId: running.id, nodes: 5, approved: true },
        { clusterId: waiting.id, nodes: 5, approved: false },
      ].sort((a, b) => a.clusterId.localeCompare(b.clusterId)),
    );
    // Nothing left to put right.
    expect(await audit()).toBe(0);
  });

  it('demotes an admission whose approval never landed, but leaves one in flight alone', async () => {
    const { deps, clock, audit, entries } = await world();
    const stuck = await deps.store.create(newCluster({ name: 'stuck' }));
    await deps.store.admitToQuota(IMPLICIT_TEAM, stuck.id, 5, {});
    expect(await audit()).toBe(0);
    expect(await entries()).toEqual([{ clusterId: stuck.id, nodes: 5, approved: true }]);

    clock.now += GRACE + MINUTE;
    const inFlight = await deps.store.create(newCluster({ name: 'in-flight' }));
    await deps.store.admitToQuota(IMPLICIT_TEAM, inFlight.id, 5, {});
    expect(await audit()).toBe(1);
    expect(await entries()).toEqual(
      [
        { clusterId: stuck.id, nodes: 5, approved: false },
        { clusterId: inFlight.id, nodes: 5, approved: true },
      ].sort((a, b) => a.clusterId.localeCompare(b.clusterId)),
    );
  });
});
