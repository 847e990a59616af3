import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditLine } from '../../src/domain/audit';
import { type ClusterRecord, HISTORY_LIMIT } from '../../src/domain/cluster';
import { IMPLICIT_TEAM } from '../../src/domain/team';
import { InvalidCursorError } from '../../src/store/cursor';
import { DynamoClusterStore } from '../../src/store/dynamo';
import {
  type ClusterChange,
  ConflictError,
  InvalidTransitionError,
  NameTakenError,
} from '../../src/store/port';
import { keys } from '../../src/store/table';
import { newCluster, type TestTable, useDynalite } from '../support/dynalite';

const dynamo = useDynalite();
const tables: TestTable[] = [];

/** A store over a fresh table, with a clock the test can move. */
async function storeWithClock(start = '2030-01-01T12:00:00.000Z') {
  const table = await dynamo.freshTable();
  tables.push(table);
  const clock = { now: new Date(start) };
  const store = new DynamoClusterStore(table.client, table.tableName, () => clock.now, {
    reservationGraceSeconds: 60,
    draftTtlSeconds: 3600,
  });
  return { store, clock, table };
}

const change = (event: ClusterChange['event'], extra: Partial<ClusterChange> = {}): ClusterChange => ({
  event,
  by: 'U0APPROVER',
  at: '2030-01-01T12:05:00.000Z',
  ...extra,
});

afterEach(() => {
  // No code path in the store may Scan: every read is a GetItem or a Query on a key or an index.
  for (const table of tables.splice(0)) expect(table.operations.counts()).not.toHaveProperty('Scan');
});

describe('DynamoClusterStore: records and transitions', () => {
  it('creates a PENDING_APPROVAL record that reads back exactly, with its first history line', async () => {
    const { store } = await storeWithClock();
    const request = newCluster({ review: { validation: { ok: true, messages: [] } } });
    const created = await store.create(request);
    expect(created).toMatchObject({ state: 'PENDING_APPROVAL', version: 1, approvals: [] });
    expect(created.history).toEqual([
      expect.objectContaining({ event: 'requested', by: request.requester, to: 'PENDING_APPROVAL' }),
    ]);
    expect(await store.get(request.id)).toEqual(created);
    expect(await store.get('missing')).toBeUndefined();
  });

  it('applies a transition as one UpdateItem: fields, state, version, history, and round-trips it', async () => {
    const { store, table } = await storeWithClock();
    const created = await store.create(newCluster({ spec: { ...newCluster().spec, description: '' } }));
    table.operations.reset();
    const approved = await store.apply(
      created,
      change('approved', {
        detail: 'quorum met',
        set: {
          approvals: [{ userId: 'U0APPROVER', at: '2030-01-01T12:05:00.000Z' }],
          slack: { ...created.slack, approvalChannel: 'C0APPROVALS', approvalTs: '1700000000.000200' },
          review: {
            validation: { ok: false, messages: ['pool too large'] },
            estimate: { total: 12.5, currency: 'USD', perPool: [{ name: 'worker-pool', total: 10 }] },
          },
        },
      }),
    );
    expect(table.operations.counts()).toEqual({ UpdateItem: 1 });
    expect(approved).toMatchObject({ state: 'APPROVED', version: 2, updatedAt: '2030-01-01T12:05:00.000Z' });
    expect(approved.history.at(-1)).toEqual({
      at: '2030-01-01T12:05:00.000Z',
      by: 'U0APPROVER',
      event: 'approved',
      from: 'PENDING_APPROVAL',
      to: 'APPROVED',
      detail: 'quorum met',
    });
    expect(await store.get(created.id)).toEqual(approved);

    const provisioning = await store.apply(
      approved,
      change('created', {
        set: { paletteUid: 'uid-1', provisioningSince: '2030-01-01T12:06:00.000Z' },
        remove: ['review'],
      }),
    );
    expect(provisioning.review).toBeUndefined();
    expect(provisioning).toMatchObject({ state: 'PROVISIONING', paletteUid: 'uid-1', version: 3 });
    expect(await store.get(created.id)).toEqual(provisioning);
  });

  it('refuses an event the lifecycle does not allow, before writing anything', async () => {
    const { store, table } = await storeWithClock();
    const created = await store.create(newCluster());
    table.operations.reset();
    await expect(store.apply(created, change('running'))).rejects.toBeInstanceOf(InvalidTransitionError);
    expect(table.operations.counts()).toEqual({});
    expect(await store.get(created.id)).toEqual(created);
  });

  it('throws ConflictError for a stale record and leaves the stored one as it was', async () => {
    const { store } = await storeWithClock();
    const created = await store.create(newCluster());
    const noted = await store.apply(created, change('note', { detail: 'first' }));
    const error = await store.apply(created, change('rejected')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ clusterId: created.id, expectedVersion: 1 });
    expect(await store.get(created.id)).toEqual(noted);
  });

  it('lets exactly one of two concurrent transitions from the same version win', async () => {
    const { store } = await storeWithClock();
    const created = await store.create(newCluster());
    const results = await Promise.allSettled([
      store.apply(created, change('approved', { by: 'U0FIRST' })),
      store.apply(created, change('rejected', { by: 'U0SECOND' })),
    ]);
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result) => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    const stored = (await store.get(created.id))!;
    expect(stored).toEqual((won[0] as PromiseFulfilledResult<ClusterRecord>).value);
    expect(stored.version).toBe(2);
    expect(stored.history.map((line) => line.event)).toEqual(['requested', stored.history[1]!.event]);
  });

  it('keeps the history bounded to the newest HISTORY_LIMIT lines, in order', async () => {
    const { store } = await storeWithClock();
    let record = await store.create(newCluster());
    const notes = HISTORY_LIMIT + 5;
    for (let n = 1; n <= notes; n++)
      record = await store.apply(record, change('note', { detail: `note ${n}` }));
    const stored = (await store.get(record.id))!;
    expect(stored.history).toHaveLength(HISTORY_LIMIT);
    expect(stored.history.map((line) => line.detail)).toEqual(
      Array.from({ length: HISTORY_LIMIT }, (_, i) => `note ${notes - HISTORY_LIMIT + 1 + i}`),
    );
    expect(stored.version).toBe(1 + notes);
  });
});

describe('DynamoClusterStore: progress', () => {
  it('saves progress without a history line or a version bump, and only once per revision read', async () => {
    const { store } = await storeWithClock();
    const created = await store.create(newCluster());
    const provisioning = await store.apply(await store.apply(created, change('approved')), change('created'));
    const progress = { pools: [{ name: 'worker-pool', ready: 1, desired: 2 }], seenEventUids: ['e1'] };
    const first = await store.saveProgress(provisioning, progress);
    expect(first?.progress).toEqual({ ...progress, revision: 1 });
    // A second poll that read the same record loses: it must not post the same news again.
    expect(
      await store.saveProgress(provisioning, { ...progress, seenEventUids: ['e1', 'e2'] }),
    ).toBeUndefined();
    const second = await store.saveProgress(first!, { ...progress, seenEventUids: ['e1', 'e2'] });
    expect(second?.progress?.revision).toBe(2);
    const stored = await store.get(provisioning.id);
    expect(stored?.progress).toEqual({ ...progress, seenEventUids: ['e1', 'e2'], revision: 2 });
    expect(stored?.version).toBe(provisioning.version);
    expect(stored?.history).toHaveLength(provisioning.history.length);
    // A transition after it keeps the progress and still sees the same version.
    const running = await store.apply(stored!, change('running'));
    expect(running.progress?.revision).toBe(2);
  });

  it('does not create a record that is not there', async () => {
    const { store } = await storeWithClock();
    const ghost = { ...(await store.create(newCluster())), id: 'missing' };
    expect(await store.saveProgress(ghost, { pools: [], seenEventUids: [] })).toBeUndefined();
    expect(await store.get('missing')).toBeUndefined();
  });
});

describe('DynamoClusterStore: name reservations', () => {
  it('lets one of ten concurrent creates of one name win; the others get NameTakenError', async () => {
    const { store } = await storeWithClock();
    const requests = Array.from({ length: 10 }, () => newCluster({ name: 'contested' }));
    const results = await Promise.allSettled(requests.map((request) => store.create(request)));
    const won = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const lost = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    for (const reason of lost) expect(reason).toBeInstanceOf(NameTakenError);
    expect(lost[0]).toMatchObject({ clusterName: 'contested', heldBy: won[0]!.id });
    const stored = await Promise.all(requests.map((request) => store.get(request.id)));
    expect(stored.filter(Boolean)).toEqual([won[0]]);
    expect(await store.findByName('contested')).toEqual(won[0]);
  });

  it('releases the name when the cluster ends, and finds the newest ended record after', async () => {
    const { store, table } = await storeWithClock();
    const reservation = () =>
      table.client.send(new GetCommand({ TableName: table.tableName, Key: { pk: keys.name('reused') } }));
    const first = await store.create(newCluster({ name: 'reused' }));
    expect((await reservation()).Item).toMatchObject({ clusterId: first.id });
    await expect(store.create(newCluster({ name: 'reused' }))).rejects.toBeInstanceOf(NameTakenError);
    const rejected = await store.apply(first, change('rejected'));
    expect(rejected.endedAt).toBe('2030-01-01T12:05:00.000Z');
    expect((await reservation()).Item).toBeUndefined();
    expect(await store.findByName('reused')).toEqual(rejected);

    const second = await store.create(newCluster({ name: 'reused' }));
    expect(await store.findByName('reused')).toEqual(second);
    await store.apply(second, change('expired', { by: 'scheduler', at: '2030-01-02T12:00:00.000Z' }));
    expect((await store.findByName('reused'))?.id).toBe(second.id);
    expect(await store.findByName('never-used')).toBeUndefined();
  });

  it('takes over a reservation left by a crashed create once the grace period has passed', async () => {
    const { store, clock, table } = await storeWithClock();
    // A create that reserved the name and died before writing its record.
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { pk: keys.name('orphaned'), clusterId: 'CRASHED', reservedAt: clock.now.toISOString() },
      }),
    );
    await expect(store.create(newCluster({ name: 'orphaned' }))).rejects.toMatchObject({
      name: 'NameTakenError',
      heldBy: 'CRASHED',
    });
    clock.now = new Date(clock.now.getTime() + 61_000);
    const request = newCluster({ name: 'orphaned' });
    expect((await store.create(request)).id).toBe(request.id);
  });

  it('takes over a reservation whose cluster already ended (its release was lost)', async () => {
    const { store, table } = await storeWithClock();
    const ended = await store.apply(
      await store.create(newCluster({ name: 'lost-release' })),
      change('rejected'),
    );
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { pk: keys.name('lost-release'), clusterId: ended.id, reservedAt: ended.requestedAt },
      }),
    );
    const request = newCluster({ name: 'lost-release' });
    expect((await store.create(request)).id).toBe(request.id);
  });

  it('removes the reservation when the record cannot be written', async () => {
    const { store } = await storeWithClock();
    const request = newCluster({ name: 'first-name' });
    await store.create(request);
    // Same id again under another name: the record put fails, so the new name must not stay reserved.
    await expect(store.create({ ...request, name: 'second-name' })).rejects.toBeInstanceOf(ConflictError);
    const other = newCluster({ name: 'second-name' });
    expect((await store.create(other)).id).toBe(other.id);
  });
});

describe('DynamoClusterStore: queries', () => {
  it('lists active records oldest first, page by page; ended records leave the index', async () => {
    const { store } = await storeWithClock();
    const records = [];
    for (const name of ['one', 'two', 'three', 'four'])
      records.push(await store.create(newCluster({ name })));
    await store.apply(records[1]!, change('rejected'));

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.listActive({ limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((record) => record.name));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(['one', 'three', 'four']);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect((await store.listActive()).items).toEqual(
      await Promise.all([records[0], records[2], records[3]].map((record) => store.get(record!.id))),
    );
    await expect(store.listActive({ cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it("lists a person's requests newest first, up to the limit", async () => {
    const { store } = await storeWithClock();
    const mine = [];
    for (const name of ['a1', 'a2', 'a3'])
      mine.push(await store.create(newCluster({ name, requester: 'U0ME' })));
    await store.create(newCluster({ name: 'b1', requester: 'U0OTHER' }));
    expect((await store.listByRequester('U0ME', 10)).map((record) => record.name)).toEqual([
      'a3',
      'a2',
      'a1',
    ]);
    expect((await store.listByRequester('U0ME', 2)).map((record) => record.name)).toEqual(['a3', 'a2']);
    expect(await store.listByRequester('U0NOBODY', 5)).toEqual([]);
  });
});

describe('DynamoClusterStore: drafts and once-claims', () => {
  it('keeps a draft until it is deleted or its TTL passes', async () => {
    const { store, clock } = await storeWithClock();
    const draft = {
      id: 'view-1',
      userId: 'U0ME',
      data: { step: 2, name: 'x', nested: { list: [1, 'two'] } },
      updatedAt: clock.now.toISOString(),
    };
    await store.putDraft(draft);
    expect(await store.getDraft('view-1')).toEqual(draft);
    await store.deleteDraft('view-1');
    expect(await store.getDraft('view-1')).toBeUndefined();

    await store.putDraft(draft);
    clock.now = new Date(clock.now.getTime() + 3601_000);
    expect(await store.getDraft('view-1')).toBeUndefined();
  });

  it('claims a key once within its TTL, and again after it', async () => {
    const { store, clock } = await storeWithClock();
    const claims = await Promise.all(Array.from({ length: 5 }, () => store.claimOnce('post:C1:1.0', 60)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.claimOnce('post:C1:1.0', 60)).toBe(false);
    expect(await store.claimOnce('post:C1:2.0', 60)).toBe(true);
    clock.now = new Date(clock.now.getTime() + 61_000);
    expect(await store.claimOnce('post:C1:1.0', 60)).toBe(true);
  });
});

describe('DynamoClusterStore: retention (TTL) and the audit trail', () => {
  /** The stored item of a cluster record, as DynamoDB's TTL sees it. */
  const item = async (table: TestTable, id: string) =>
    (
      await table.client.send(
        new GetCommand({ TableName: table.tableName, Key: { pk: keys.cluster(id) }, ConsistentRead: true }),
      )
    ).Item!;

  it('gives a record the TTL attribute only when it ends: its end plus RECORD_RETENTION_DAYS, in epoch seconds', async () => {
    const table = await dynamo.freshTable();
    tables.push(table);
    const store = new DynamoClusterStore(table.client, table.tableName, () => new Date(), {
      recordRetentionDays: 30,
    });
    const request = newCluster({ name: 'kept-for-30-days' });
    const created = await store.create(request);
    // Live: the approval deadline has its own attribute; the TTL attribute is absent.
    expect(await item(table, created.id)).toMatchObject({ approvalExpiresAt: request.expiresAt });
    expect(await item(table, created.id)).not.toHaveProperty('expiresAt');
    const approved = await store.apply(created, change('approved'));
    const provisioning = await store.apply(approved, change('created', { set: { paletteUid: 'p-1' } }));
    const running = await store.apply(provisioning, change('running'));
    expect(await item(table, running.id)).not.toHaveProperty('expiresAt');

    const deleting = await store.apply(running, change('delete-started'));
    const deleted = await store.apply(deleting, change('deleted', { at: '2030-01-02T08:00:00.000Z' }));
    const ended = await item(table, deleted.id);
    expect(ended.expiresAt).toBe(Date.parse('2030-01-02T08:00:00.000Z') / 1000 + 30 * 86_400);
    expect(typeof ended.expiresAt).toBe('number');
    // The record itself still has its approval deadline; a note after the end keeps the TTL as it was.
    expect(deleted.expiresAt).toBe(request.expiresAt);
    expect(await store.get(deleted.id)).toEqual(deleted);
    await store.apply(deleted, change('note', { at: '2030-03-01T00:00:00.000Z', detail: 'later' }));
    expect((await item(table, deleted.id)).expiresAt).toBe(ended.expiresAt);
  });

  it('ends every way a record can end with the TTL, and keeps a live one without it (365 days by default)', async () => {
    const { store, table } = await storeWithClock();
    const rejected = await store.apply(
      await store.create(newCluster({ name: 'refused' })),
      change('rejected'),
    );
    const expired = await store.apply(await store.create(newCluster({ name: 'late' })), change('expired'));
    const live = await store.apply(await store.create(newCluster({ name: 'live' })), change('approved'));
    for (const ended of [rejected, expired])
      expect((await item(table, ended.id)).expiresAt).toBe(
        Date.parse('2030-01-01T12:05:00.000Z') / 1000 + 365 * 86_400,
      );
    expect(await item(table, live.id)).not.toHaveProperty('expiresAt');
  });

  it('hands on one audit line per history entry written, in order, and none for a lost race', async () => {
    const table = await dynamo.freshTable();
    tables.push(table);
    const lines: AuditLine[] = [];
    const store = new DynamoClusterStore(table.client, table.tableName, () => new Date(), {
      audit: (line) => lines.push(line),
    });
    const created = await store.create(newCluster({ name: 'audited' }));
    const approved = await store.apply(created, change('approved', { detail: 'quorum met' }));
    await expect(store.apply(created, change('rejected'))).rejects.toBeInstanceOf(ConflictError);
    expect(lines).toEqual([
      {
        at: created.requestedAt,
        actor: 'U0REQUESTER',
        action: 'requested',
        clusterId: created.id,
        clusterName: 'audited',
        fromState: 'PENDING_APPROVAL',
        toState: 'PENDING_APPROVAL',
        team: IMPLICIT_TEAM,
      },
      {
        at: '2030-01-01T12:05:00.000Z',
        actor: 'U0APPROVER',
        action: 'approved',
        clusterId: approved.id,
        clusterName: 'audited',
        fromState: 'PENDING_APPROVAL',
        toState: 'APPROVED',
        team: IMPLICIT_TEAM,
        detail: 'quorum met',
      },
    ]);
  });
});
