import type { ClusterRecord } from '../domain/cluster';
import { isTerminal } from '../domain/lifecycle';
import { ACTIVE_PARTITION, keys, PARTITION_KEY } from './table';

/** Attributes that place an item in the table and its indexes, never part of the record itself. */
export const WORK_KEY_ATTRIBUTES = ['workPk', 'workSk'] as const;

/** `workSk` of an active cluster: oldest request first, the id breaking ties. */
function activeSortKey(record: Pick<ClusterRecord, 'requestedAt' | 'id'>): string {
  return `${record.requestedAt}#${record.id}`;
}

/** The item stored for a record: its attributes plus the keys (and the active-index keys while it is live). */
export function clusterItem(record: ClusterRecord): Record<string, unknown> {
  return {
    ...record,
    [PARTITION_KEY]: keys.cluster(record.id),
    ...(isTerminal(record.state) ? {} : { workPk: ACTIVE_PARTITION, workSk: activeSortKey(record) }),
  };
}

/**
 * The record an item holds: every attribute except the table and index keys. An item written before teams has no
 * `team`: it reads as `defaultTeam`'s.
 */
export function recordFromItem(item: Record<string, unknown>, defaultTeam: string): ClusterRecord {
  const { [PARTITION_KEY]: _pk, workPk: _workPk, workSk: _workSk, ...record } = item;
  return { team: defaultTeam, ...record } as unknown as ClusterRecord;
}
