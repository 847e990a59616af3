/**
 * The teams' quota ledgers on DynamoDB (no transactions: each change is ONE conditional UpdateItem).
 *
 * One item per team, `pk` = `QUOTA#<team>`:
 * - `team`: the team's name;
 * - `cluster:<clusterId>` = `{ nodes, approved, since }` for each live request (approved false) and each approved
 *   cluster not yet ended (approved true);
 * - `approvedClusters`, `approvedNodes`: the sums over the approved entries, kept by the same update that changes
 *   an entry, so a condition can read them (DynamoDB cannot sum a map in a condition).
 *
 * Admitting an approval adds its nodes only if the sums stay within the quota — two approvals racing for the last
 * nodes cannot both pass. Every write is conditioned on the entry being as read, so the sums never drift from the
 * entries whatever runs at once; a crash between a record's transition and its ledger write leaves an entry the
 * reconciler's audit (`correct`) puts right.
 */
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LedgerEntry, TeamLedger } from '../domain/quota';
import type { Quota } from '../domain/team';
import { isConditionFailure } from './conditions';
import type { Admission, EntryShape } from './port';
import { keys, PARTITION_KEY } from './table';

/** The attribute holding a cluster's entry. */
const ENTRY_PREFIX = 'cluster:';
const APPROVED_CLUSTERS = 'approvedClusters';
const APPROVED_NODES = 'approvedNodes';
/** Reads and writes tried before a change gives up (each lost race means the ledger just changed). */
const ATTEMPTS = 5;

interface StoredEntry {
  nodes: number;
  approved: boolean;
  since: string;
}

/** A team's ledger as read, with its sums. */
interface ReadLedger extends TeamLedger {
  approvedClusters: number;
  approvedNodes: number;
}

/** One conditional update of a team's ledger item, naming only what it uses (DynamoDB refuses unused names). */
class Change {
  private readonly names: Record<string, string> = {};
  private readonly values: Record<string, unknown> = {};
  private readonly sets: string[] = [];
  private readonly removes: string[] = [];
  private readonly conditions: string[] = [];

  constructor(
    team: string,
    private readonly clusterId: string,
  ) {
    this.sets.push(`${this.name('#team', 'team')} = ${this.value('team', team)}`);
  }

  private name(placeholder: string, attribute: string): string {
    this.names[placeholder] = attribute;
    return placeholder;
  }

  private value(name: string, value: unknown): string {
    this.values[`:${name}`] = value;
    return `:${name}`;
  }

  /** `#entry` (the cluster's entry), or one of its fields. */
  private entryPath(field?: keyof StoredEntry): string {
    const entry = this.name('#entry', `${ENTRY_PREFIX}${this.clusterId}`);
    return field ? `${entry}.${this.name(`#${field}`, field)}` : entry;
  }

  private sum(sum: typeof APPROVED_CLUSTERS | typeof APPROVED_NODES): string {
    return this.name(sum === APPROVED_CLUSTERS ? '#ac' : '#an', sum);
  }

  /** The entry becomes `entry`. */
  setEntry(entry: StoredEntry): void {
    this.sets.push(`${this.entryPath()} = ${this.value('entry', entry)}`);
  }

  /** The entry goes. */
  removeEntry(): void {
    this.removes.push(this.entryPath());
  }

  /** Adds `by` to a sum (which starts at zero). */
  add(sum: typeof APPROVED_CLUSTERS | typeof APPROVED_NODES, by: number): void {
    if (by === 0) return;
    const path = this.sum(sum);
    this.sets.push(
      `${path} = if_not_exists(${path}, ${this.value('zero', 0)}) + ${this.value(`add${path.slice(1)}`, by)}`,
    );
  }

  /** The entry must be exactly `entry` (or absent when undefined). */
  expect(entry: StoredEntry | undefined): void {
    if (!entry) {
      this.conditions.push(`attribute_not_exists(${this.entryPath()})`);
      return;
    }
    this.conditions.push(
      `${this.entryPath('nodes')} = ${this.value('wasNodes', entry.nodes)}`,
      `${this.entryPath('approved')} = ${this.value('wasApproved', entry.approved)}`,
      `${this.entryPath('since')} = ${this.value('wasSince', entry.since)}`,
    );
  }

  /** A sum may be at most `room` before this change (absent counts as zero). */
  atMost(sum: typeof APPROVED_CLUSTERS | typeof APPROVED_NODES, room: number): void {
    const path = this.sum(sum);
    this.conditions.push(
      `(attribute_not_exists(${path}) OR ${path} <= ${this.value(`room${path.slice(1)}`, room)})`,
    );
  }

  /** The UpdateItem input for the team's ledger item. */
  input(tableName: string, team: string) {
    const expression = [
      this.sets.length ? `SET ${this.sets.join(', ')}` : '',
      this.removes.length ? `REMOVE ${this.removes.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return {
      TableName: tableName,
      Key: { [PARTITION_KEY]: keys.quota(team) },
      UpdateExpression: expression,
      ConditionExpression: this.conditions.join(' AND '),
      ExpressionAttributeNames: this.names,
      ExpressionAttributeValues: this.values,
    };
  }
}

/** What to do with an entry: this change, nothing (already so), or nothing because there is no room. */
type Plan = { change: Change } | { done: true } | { refused: true };

/** The cluster's entry in a ledger read, as stored. */
function entryOf(ledger: TeamLedger, clusterId: string): StoredEntry | undefined {
  const found = ledger.entries.find((entry) => entry.clusterId === clusterId);
  return found && { nodes: found.nodes, approved: found.approved, since: found.since };
}

/** Whether two reads agree on the cluster's entry and on the sums a condition reads. */
function sameStanding(a: ReadLedger, b: ReadLedger, clusterId: string): boolean {
  return (
    a.approvedClusters === b.approvedClusters &&
    a.approvedNodes === b.approvedNodes &&
    JSON.stringify(entryOf(a, clusterId)) === JSON.stringify(entryOf(b, clusterId))
  );
}

/** The quota ledgers of every team, in the one table. */
export class DynamoQuotaLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date,
  ) {}

  /** The team's ledger, read consistently (an empty one when the team has none yet). */
  async read(team: string): Promise<ReadLedger> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [PARTITION_KEY]: keys.quota(team) },
        ConsistentRead: true,
      }),
    );
    const entries: LedgerEntry[] = Object.entries(Item ?? {})
      .filter(([attribute]) => attribute.startsWith(ENTRY_PREFIX))
      .map(([attribute, value]) => {
        const stored = value as StoredEntry;
        return {
          clusterId: attribute.slice(ENTRY_PREFIX.length),
          nodes: Number(stored.nodes),
          approved: stored.approved === true,
          since: String(stored.since),
        };
      });
    return {
      team,
      entries,
      approvedClusters: Number(Item?.[APPROVED_CLUSTERS] ?? 0),
      approvedNodes: Number(Item?.[APPROVED_NODES] ?? 0),
    };
  }

  /** Enters a new request as pending (a no-op when it already has an entry). */
  async addPending(team: string, clusterId: string, nodes: number): Promise<void> {
    const change = new Change(team, clusterId);
    change.setEntry(this.entry(nodes, false));
    change.expect(undefined);
    await this.write(change, team);
  }

  /**
   * Admits a cluster's nodes as approved if the team's approved sums, with them added, stay within `limits`
   * (`clusters`, `nodes`): ONE conditional update. An entry already approved (a repeated approval) is admitted
   * as it is.
   */
  admit(team: string, clusterId: string, nodes: number, limits: Quota): Promise<Admission> {
    return this.changeEntry(team, clusterId, (entry) =>
      entry?.approved ? { done: true } : this.admission(team, clusterId, entry, nodes, limits),
    );
  }

  /**
   * Sets an approved cluster's nodes to `nodes` (a resize). Growing is admitted only if the approved nodes stay
   * within `limits.nodes`; a cluster not yet entered as approved (approved before the ledger existed) is admitted
   * whole, like an approval.
   */
  resize(team: string, clusterId: string, nodes: number, limits: Quota): Promise<Admission> {
    return this.changeEntry(team, clusterId, (entry) => {
      if (!entry?.approved) return this.admission(team, clusterId, entry, nodes, limits);
      if (entry.nodes === nodes) return { done: true };
      const delta = nodes - entry.nodes;
      if (delta > 0 && nodes > (limits.nodes ?? nodes)) return { refused: true };
      const change = new Change(team, clusterId);
      change.expect(entry);
      change.setEntry(this.entry(nodes, true));
      change.add(APPROVED_NODES, delta);
      if (delta > 0 && limits.nodes !== undefined) change.atMost(APPROVED_NODES, limits.nodes - delta);
      return { change };
    });
  }

  /** The change that admits `nodes` for a cluster whose entry is pending or absent, or a refusal: no room. */
  private admission(
    team: string,
    clusterId: string,
    entry: StoredEntry | undefined,
    nodes: number,
    limits: Quota,
  ): Plan {
    // More than the whole quota never fits (and an empty ledger cannot say so: its sums are absent).
    if ((limits.clusters ?? 1) < 1 || nodes > (limits.nodes ?? nodes)) return { refused: true };
    const change = new Change(team, clusterId);
    change.expect(entry);
    change.setEntry(this.entry(nodes, true));
    change.add(APPROVED_CLUSTERS, 1);
    change.add(APPROVED_NODES, nodes);
    if (limits.clusters !== undefined) change.atMost(APPROVED_CLUSTERS, limits.clusters - 1);
    if (limits.nodes !== undefined) change.atMost(APPROVED_NODES, limits.nodes - nodes);
    return { change };
  }

  /** Removes a cluster's entry (its request or cluster ended), taking its nodes out of the sums. */
  async release(team: string, clusterId: string): Promise<void> {
    await this.changeEntry(team, clusterId, (entry) => {
      if (!entry) return { done: true };
      const change = new Change(team, clusterId);
      change.expect(entry);
      change.removeEntry();
      if (entry.approved) {
        change.add(APPROVED_CLUSTERS, -1);
        change.add(APPROVED_NODES, -entry.nodes);
      }
      return { change };
    });
  }

  /**
   * Puts an entry right, if it is still exactly `previous` (as the caller read it): `expected` becomes the entry
   * (undefined removes it), the sums follow. False when the entry changed meanwhile (the caller judged a stale one).
   */
  async correct(
    team: string,
    clusterId: string,
    previous: LedgerEntry | undefined,
    expected: EntryShape | undefined,
  ): Promise<boolean> {
    const change = new Change(team, clusterId);
    const was = previous && { nodes: previous.nodes, approved: previous.approved, since: previous.since };
    change.expect(was);
    if (expected) change.setEntry(this.entry(expected.nodes, expected.approved));
    else change.removeEntry();
    const before = was?.approved ? was.nodes : undefined;
    const after = expected?.approved ? expected.nodes : undefined;
    change.add(APPROVED_CLUSTERS, (after === undefined ? 0 : 1) - (before === undefined ? 0 : 1));
    change.add(APPROVED_NODES, (after ?? 0) - (before ?? 0));
    return this.write(change, team);
  }

  /**
   * Reads the entry, asks `plan` for the change, writes it; when the write's condition fails — the ledger changed,
   * or there is no room — reads again and asks again, so a refusal is always judged on a fresh read.
   */
  private async changeEntry(
    team: string,
    clusterId: string,
    plan: (entry: StoredEntry | undefined) => Plan,
  ): Promise<Admission> {
    let ledger = await this.read(team);
    for (let attempt = 1; ; attempt++) {
      const planned = plan(entryOf(ledger, clusterId));
      if ('done' in planned) return { ok: true };
      if ('refused' in planned) return { ok: false, ledger };
      if (await this.write(planned.change, team)) return { ok: true };
      const fresh = await this.read(team);
      // The entry and the sums are as judged, so the condition failed on the limits: no room.
      if (sameStanding(fresh, ledger, clusterId) || attempt >= ATTEMPTS) return { ok: false, ledger: fresh };
      ledger = fresh;
    }
  }

  /** One conditional update; false when its condition did not hold. */
  private async write(change: Change, team: string): Promise<boolean> {
    try {
      await this.client.send(new UpdateCommand(change.input(this.tableName, team)));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private entry(nodes: number, approved: boolean): StoredEntry {
    return { nodes, approved, since: this.now().toISOString() };
  }
}
