import type { ClusterRecord } from '../domain/cluster';
import { isTerminal } from '../domain/lifecycle';
import { ACTIVE_PARTITION, keys, PARTITION_KEY, TTL_ATTRIBUTE } from './table';

/** Attributes that place an item in the table and its indexes, never part of the record itself. */
export const WORK_KEY_ATTRIBUTES = ['workPk', 'workSk'] as const;

/**
 * Where a record's approval deadline (the record's `expiresAt`, ISO) is stored: the table's `expiresAt` is its TTL
 * attribute, an epoch-seconds Number on every item kind, which a cluster record gets only once it has ended.
 */
export const APPROVAL_DEADLINE_ATTRIBUTE = 'approvalExpiresAt';

/** The item attribute a record field is stored under (the same name, except the approval deadline). */
export function itemAttribute(field: string): string {
  return field === 'expiresAt' ? APPROVAL_DEADLINE_ATTRIBUTE : field;
}

/** `workSk` of an active cluster: oldest request first, the id breaking ties. */
function activeSortKey(record: Pick<ClusterRecord, 'requestedAt' | 'id'>): string {
  return `${record.requestedAt}#${record.id}`;
}

/** The item stored for a record: its attributes plus the keys (and the active-index keys while it is live). */
export function clusterItem(record: ClusterRecord): Record<string, unknown> {
  const { expiresAt, ...fields } = record;
  return {
    ...fields,
    [APPROVAL_DEADLINE_ATTRIBUTE]: expiresAt,
    [PARTITION_KEY]: keys.cluster(record.id),
    ...(isTerminal(record.state) ? {} : { workPk: ACTIVE_PARTITION, workSk: activeSortKey(record) }),
  };
}

/**
 * The record an item holds: every attribute except the table and index keys and the TTL. A record written before
 * the deadline had its own attribute (a playground's kept data) still has it in `expiresAt`, as a string; an item
 * written before teams has no `team`: it reads as `defaultTeam`'s.
 */
export function recordFromItem(item: Record<string, unknown>, defaultTeam: string): ClusterRecord {
  const {
    [PARTITION_KEY]: _pk,
    workPk: _workPk,
    workSk: _workSk,
    [TTL_ATTRIBUTE]: ttl,
    [APPROVAL_DEADLINE_ATTRIBUTE]: deadline,
    ...record
  } = item;
  return {
    team: defaultTeam,
    ...record,
    expiresAt: deadline ?? (typeof ttl === 'string' ? ttl : undefined),
  } as unknown as ClusterRecord;
}
