/**
 * The ClusterStore on DynamoDB: one table (infra/table.yml), no transactions, no Scan.
 *
 * Table layout — partition key `pk` only (every item is one entity; nothing needs item collections):
 * - cluster record, `pk` = `CLUSTER#<id>`: the ClusterRecord's fields at top level (name, spec, state, requester,
 *   requestedAt, slack, approvals, history, version …), plus `workPk` = `ACTIVE` and `workSk` =
 *   `<requestedAt>#<id>` while the state is not terminal (REMOVEd by the update that ends it).
 *   `team` names the team it was requested for (absent on records written before teams: they read as the default
 *   team's) and `paletteProjectUid` the Palette project it lives in.
 * - name reservation, `pk` = `NAME#<name>`: `clusterId`, `reservedAt` (ISO).
 * - team quota ledger, `pk` = `QUOTA#<team>`: `team`, one `cluster:<id>` entry `{ nodes, approved, since }` per
 *   live request and cluster of the team, `approvedClusters` and `approvedNodes` (see src/store/ledger.ts).
 * - wizard draft, `pk` = `DRAFT#<id>`: `id`, `userId`, `data`, `updatedAt`, `expiresAt` (epoch seconds, TTL).
 * - once-claim, `pk` = `ONCE#<key>`: `expiresAt` (epoch seconds, TTL).
 * - the reconciler's cursor through Palette's pages, `pk` = `SWEEP#reconcile`: `project`, `continue`, `after`,
 *   `savedAt` (one item; absent when the last sweep went round).
 * - local schedule (src/scheduler/local.ts), `pk` = `SCHEDULE#<name>`: `scheduleName`, `job`, `dueAt` (ISO),
 *   `workPk` = `SCHEDULE`, `workSk` = `<dueAt>#<name>`.
 *
 * Global secondary indexes (projection ALL):
 * - `byName` (`name`, `requestedAt`): cluster records only (reservations keep the name in `pk`), newest last.
 * - `byRequester` (`requester`, `requestedAt`): a person's requests.
 * - `work` (`workPk`, `workSk`), sparse: `ACTIVE` = clusters still to watch, oldest first (the reconciler's walk);
 *   `SCHEDULE` = local schedules by due time.
 *
 * TTL is on `expiresAt`, always an epoch-seconds Number: on drafts and claims from the start, on a cluster record
 * only once it ended (the update that ends it sets endedAt + RECORD_RETENTION_DAYS), so a live cluster never
 * expires. A record's approval deadline (the record's `expiresAt`, ISO) is stored as `approvalExpiresAt` for that
 * reason. dynalite has no TTL, so reads ignore expired drafts and claims themselves (ended records may linger).
 *
 * Every history entry written (a create, each transition) is also handed to `audit` as one audit line.
 */
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type PutCommandInput,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type AuditLine, auditLine } from '../domain/audit';
import { type ClusterRecord, DEFAULT_RECORD_RETENTION_DAYS, type Progress } from '../domain/cluster';
import { isTerminal } from '../domain/lifecycle';
import type { LedgerEntry, TeamLedger } from '../domain/quota';
import { totalNodes } from '../domain/spec';
import { IMPLICIT_TEAM, type Quota } from '../domain/team';
import { ITEM_IS_NEW, isConditionFailure } from './conditions';
import { decodeCursor, encodeCursor } from './cursor';
import { clusterItem, recordFromItem } from './items';
import { DynamoQuotaLedger } from './ledger';
import {
  type Admission,
  type ClusterChange,
  type ClusterStore,
  ConflictError,
  type Draft,
  type EntryShape,
  NameTakenError,
  type NewCluster,
  type RecordPage,
  type SweepCursor,
} from './port';
import {
  ACTIVE_PARTITION,
  BY_NAME_INDEX,
  BY_REQUESTER_INDEX,
  keys,
  PARTITION_KEY,
  TTL_ATTRIBUTE,
  WORK_INDEX,
} from './table';
import { planTransition } from './transition';

/** Tuning of the store; the defaults suit production. */
export interface DynamoStoreOptions {
  /** A reservation whose cluster record is still missing after this long was left by a crashed create. */
  reservationGraceSeconds?: number;
  /** How long an untouched wizard draft is kept. */
  draftTtlSeconds?: number;
  /** How long an ended cluster's record is kept before DynamoDB's TTL deletes it (days). */
  recordRetentionDays?: number;
  /** Receives the audit line of every history entry written (the runtimes log it with the audit marker). */
  audit?: (line: AuditLine) => void;
  /** The team of records written before teams (config.teams.defaultTeam); default: the implicit team. */
  defaultTeam?: string;
}

interface Reservation {
  clusterId: string;
  reservedAt: string;
}

const TAKEOVER_ATTEMPTS = 3;

/** ClusterStore over one DynamoDB table through the DocumentClient. */
export class DynamoClusterStore implements ClusterStore {
  private readonly reservationGraceMs: number;
  private readonly draftTtlSeconds: number;
  private readonly retentionSeconds: number;
  private readonly audit: (line: AuditLine) => void;
  private readonly defaultTeam: string;
  private readonly ledger: DynamoQuotaLedger;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
    options: DynamoStoreOptions = {},
  ) {
    this.reservationGraceMs = (options.reservationGraceSeconds ?? 60) * 1000;
    this.draftTtlSeconds = options.draftTtlSeconds ?? 86_400;
    this.retentionSeconds = (options.recordRetentionDays ?? DEFAULT_RECORD_RETENTION_DAYS) * 86_400;
    this.audit = options.audit ?? (() => {});
    this.defaultTeam = options.defaultTeam ?? IMPLICIT_TEAM;
    this.ledger = new DynamoQuotaLedger(client, tableName, now);
  }

  /** Hands on the audit line of the newest history entry of a record just written. */
  private audited(record: ClusterRecord): ClusterRecord {
    const entry = record.history.at(-1);
    if (entry) this.audit(auditLine(record, entry));
    return record;
  }

  /**
   * Reserves the name (taking over a stale reservation), enters the request in its team's ledger as pending, then
   * writes the record; undoes both on failure (a crash in between leaves what the reconciler's audit removes).
   */
  async create(request: NewCluster): Promise<ClusterRecord> {
    await this.reserveName(request.name, request.id);
    const undo = async () => {
      await this.ledger.release(request.team, request.id);
      await this.releaseName(request.name, request.id);
    };
    await this.ledger.addPending(request.team, request.id, totalNodes(request.spec)).catch(async (error) => {
      await this.releaseName(request.name, request.id);
      throw error;
    });
    const record: ClusterRecord = {
      ...request,
      state: 'PENDING_APPROVAL',
      updatedAt: request.requestedAt,
      approvals: [],
      version: 1,
      history: [
        {
          at: request.requestedAt,
          by: request.requester,
          event: 'requested',
          from: 'PENDING_APPROVAL',
          to: 'PENDING_APPROVAL',
        },
      ],
    };
    const written = await this.putIf(clusterItem(record), ITEM_IS_NEW).catch(async (error: unknown) => {
      await undo();
      throw error;
    });
    if (!written) {
      await undo();
      throw new ConflictError(request.id, 0);
    }
    return this.audited(record);
  }

  /** The record, read consistently. */
  async get(id: string): Promise<ClusterRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [PARTITION_KEY]: keys.cluster(id) },
        ConsistentRead: true,
      }),
    );
    return Item ? recordFromItem(Item, this.defaultTeam) : undefined;
  }

  /** The live holder of the name (through its reservation), else the newest record with that name. */
  async findByName(name: string): Promise<ClusterRecord | undefined> {
    const reservation = await this.reservation(name);
    const holder = reservation ? await this.get(reservation.clusterId) : undefined;
    if (holder && !isTerminal(holder.state)) return holder;
    const [newest] = await this.newestOn(BY_NAME_INDEX, 'name', name, 1);
    return newest;
  }

  /** A person's requests, newest first. */
  listByRequester(userId: string, limit: number): Promise<ClusterRecord[]> {
    return this.newestOn(BY_REQUESTER_INDEX, 'requester', userId, limit);
  }

  /** Up to `limit` records whose `attribute` is `value`, newest request first, through that attribute's index. */
  private async newestOn(
    index: string,
    attribute: string,
    value: string,
    limit: number,
  ): Promise<ClusterRecord[]> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: '#key = :value',
        ExpressionAttributeNames: { '#key': attribute },
        ExpressionAttributeValues: { ':value': value },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => recordFromItem(item, this.defaultTeam));
  }

  /** One page of the active index, oldest request first. */
  async listActive(options: { limit?: number; cursor?: string } = {}): Promise<RecordPage> {
    const { Items, LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: WORK_INDEX,
        KeyConditionExpression: 'workPk = :active',
        ExpressionAttributeValues: { ':active': ACTIVE_PARTITION },
        Limit: options.limit ?? 100,
        ExclusiveStartKey: decodeCursor(options.cursor),
      }),
    );
    const cursor = encodeCursor(LastEvaluatedKey);
    return {
      items: (Items ?? []).map((item) => recordFromItem(item, this.defaultTeam)),
      ...(cursor ? { cursor } : {}),
    };
  }

  /** One conditional UpdateItem (see planTransition); an ending state then frees the name. */
  async apply(record: ClusterRecord, change: ClusterChange): Promise<ClusterRecord> {
    const { to: _to, ending, ...update } = planTransition(record, change, this.retentionSeconds);
    let updated: ClusterRecord;
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [PARTITION_KEY]: keys.cluster(record.id) },
          ...update,
          ReturnValues: 'ALL_NEW',
        }),
      );
      updated = recordFromItem(Attributes ?? {}, this.defaultTeam);
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(record.id, record.version);
      throw error;
    }
    this.audited(updated);
    // A release lost here (crash, network) leaves a reservation to an ended cluster: create() takes such over,
    // and the reconciler's audit removes the ledger entry of an ended cluster.
    if (ending) {
      await this.releaseName(record.name, record.id);
      await this.ledger.release(record.team, record.id);
    }
    return updated;
  }

  /** The team's quota ledger. */
  async teamLedger(team: string): Promise<TeamLedger> {
    const { entries } = await this.ledger.read(team);
    return { team, entries };
  }

  /** Admits an approval into the team's ledger within `limits` (one conditional write). */
  admitToQuota(team: string, clusterId: string, nodes: number, limits: Quota): Promise<Admission> {
    return this.ledger.admit(team, clusterId, nodes, limits);
  }

  /** Sets an approved cluster's nodes in the team's ledger; growing is admitted within `limits`. */
  resizeInQuota(team: string, clusterId: string, nodes: number, limits: Quota): Promise<Admission> {
    return this.ledger.resize(team, clusterId, nodes, limits);
  }

  /** Puts a ledger entry right if it is still `previous`. */
  correctQuota(
    team: string,
    clusterId: string,
    previous: LedgerEntry | undefined,
    expected: EntryShape | undefined,
  ): Promise<boolean> {
    return this.ledger.correct(team, clusterId, previous, expected);
  }

  /** Progress only: conditional on the revision read (absent = never saved), never touching state or history. */
  async saveProgress(
    record: ClusterRecord,
    progress: Omit<Progress, 'revision'>,
  ): Promise<ClusterRecord | undefined> {
    const revision = record.progress?.revision;
    const saved: Progress = { ...progress, revision: (revision ?? 0) + 1 };
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [PARTITION_KEY]: keys.cluster(record.id) },
          UpdateExpression: 'SET #progress = :saved',
          ...(revision === undefined
            ? {
                ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#progress.#revision)',
                ExpressionAttributeNames: {
                  '#pk': PARTITION_KEY,
                  '#progress': 'progress',
                  '#revision': 'revision',
                },
                ExpressionAttributeValues: { ':saved': saved },
              }
            : {
                ConditionExpression: '#progress.#revision = :revision',
                ExpressionAttributeNames: { '#progress': 'progress', '#revision': 'revision' },
                ExpressionAttributeValues: { ':saved': saved, ':revision': revision },
              }),
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
    return { ...record, progress: saved };
  }

  /** Stores (or replaces) a draft, kept for the draft TTL from now. */
  async putDraft(draft: Draft): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          [PARTITION_KEY]: keys.draft(draft.id),
          ...draft,
          [TTL_ATTRIBUTE]: this.epochSeconds() + this.draftTtlSeconds,
        },
      }),
    );
  }

  /** The draft, unless missing or past its TTL. */
  async getDraft(id: string): Promise<Draft | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [PARTITION_KEY]: keys.draft(id) },
        ConsistentRead: true,
      }),
    );
    if (!Item || Number(Item[TTL_ATTRIBUTE]) <= this.epochSeconds()) return undefined;
    return { id: Item.id, userId: Item.userId, data: Item.data, updatedAt: Item.updatedAt };
  }

  /** Removes a draft (missing is fine). */
  async deleteDraft(id: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: { [PARTITION_KEY]: keys.draft(id) } }),
    );
  }

  /** The cursor the last cut sweep left, if any. */
  async sweepCursor(): Promise<SweepCursor | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [PARTITION_KEY]: keys.sweepCursor },
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    return { project: Item.project, continue: Item.continue, after: Item.after, savedAt: Item.savedAt };
  }

  /** Replaces the cursor (a Put), or removes it. */
  async saveSweepCursor(cursor: SweepCursor | undefined): Promise<void> {
    const key = { [PARTITION_KEY]: keys.sweepCursor };
    if (cursor)
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...key, ...cursor } }));
    else await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: key }));
  }

  /** A conditional put that succeeds when the key is new or its earlier claim has expired. */
  async claimOnce(key: string, ttlSeconds: number): Promise<boolean> {
    const now = this.epochSeconds();
    return this.putIf(
      { [PARTITION_KEY]: keys.once(key), [TTL_ATTRIBUTE]: now + ttlSeconds },
      {
        ConditionExpression: 'attribute_not_exists(#pk) OR #ttl <= :now',
        ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':now': now },
      },
    );
  }

  /** Deletes the claim of `key` (a missing one is fine). */
  async releaseClaim(key: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: { [PARTITION_KEY]: keys.once(key) } }),
    );
  }

  /** Takes the name for `clusterId`: free, or held by a stale reservation; else NameTakenError. */
  private async reserveName(name: string, clusterId: string): Promise<void> {
    const item = { [PARTITION_KEY]: keys.name(name), clusterId, reservedAt: this.now().toISOString() };
    for (let attempt = 0; attempt < TAKEOVER_ATTEMPTS; attempt++) {
      if (await this.putIf(item, ITEM_IS_NEW)) return;
      const held = await this.reservation(name);
      if (!held) continue;
      if (!(await this.isStale(held))) throw new NameTakenError(name, held.clusterId);
      // Take over exactly the stale reservation judged here, not one written since.
      const condition = {
        ConditionExpression: 'clusterId = :held AND reservedAt = :heldAt',
        ExpressionAttributeValues: { ':held': held.clusterId, ':heldAt': held.reservedAt },
      };
      if (await this.putIf(item, condition)) return;
    }
    throw new NameTakenError(name, (await this.reservation(name))?.clusterId ?? clusterId);
  }

  /** A conditional put: false when the condition did not hold. */
  private async putIf(
    item: Record<string, unknown>,
    condition: Pick<
      PutCommandInput,
      'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
    >,
  ): Promise<boolean> {
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: item, ...condition }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** A reservation is stale when its cluster ended, or was never written and the grace period has passed. */
  private async isStale(held: Reservation): Promise<boolean> {
    const holder = await this.get(held.clusterId);
    if (holder) return isTerminal(holder.state);
    return this.now().getTime() - Date.parse(held.reservedAt) > this.reservationGraceMs;
  }

  private async reservation(name: string): Promise<Reservation | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [PARTITION_KEY]: keys.name(name) },
        ConsistentRead: true,
      }),
    );
    return Item ? { clusterId: Item.clusterId, reservedAt: Item.reservedAt } : undefined;
  }

  /** Deletes the reservation only if `clusterId` still holds it. */
  private async releaseName(name: string, clusterId: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { [PARTITION_KEY]: keys.name(name) },
          ConditionExpression: 'clusterId = :id',
          ExpressionAttributeValues: { ':id': clusterId },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  private epochSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }
}
