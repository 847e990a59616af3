import { applyFresh } from '../clusters/decide-apply';
import type { Deps } from '../deps';
import type { ClusterRecord, SlackPlaces } from '../domain/cluster';
import type { ClusterFields } from '../store/port';

/**
 * Records bookkeeping (where a message was posted, the review's findings) as a `note` transition on the freshest
 * record: `fields` is computed from the record it is applied to, so a conflict — a click that landed meanwhile —
 * is re-read and merged, never overwritten. `by` is who the history names (the scheduler for a scheduled job).
 */
export async function note(
  deps: Pick<Deps, 'store' | 'now'>,
  record: ClusterRecord,
  fields: (current: ClusterRecord) => Partial<ClusterFields>,
  detail: string,
  by = 'bot',
): Promise<ClusterRecord> {
  const saved = await applyFresh(deps, record, by, (current) => ({
    event: 'note',
    detail,
    set: fields(current),
  }));
  if (!saved) throw new Error(`Cluster ${record.id} disappeared while noting: ${detail}`);
  return saved;
}

/** Saves where messages were posted (merged into the record's `slack` places). */
export function saveSlackPlaces(
  deps: Pick<Deps, 'store' | 'now'>,
  record: ClusterRecord,
  places: Partial<SlackPlaces>,
  detail: string,
  by = 'bot',
): Promise<ClusterRecord> {
  return note(deps, record, (current) => ({ slack: { ...current.slack, ...places } }), detail, by);
}
