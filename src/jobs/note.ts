import type { Deps } from '../deps';
import type { ClusterRecord, SlackPlaces } from '../domain/cluster';
import { type ClusterFields, ConflictError } from '../store/port';

/** Conflicts a bookkeeping note retries before giving up (each means someone else wrote the record). */
const NOTE_ATTEMPTS = 5;

/**
 * Records bookkeeping (where a message was posted, the review's findings) as a `note` transition on the freshest
 * record: `fields` is computed from the record it is applied to, so a conflict — a click that landed meanwhile —
 * is re-read and merged, never overwritten.
 */
export async function note(
  deps: Pick<Deps, 'store' | 'now'>,
  record: ClusterRecord,
  fields: (current: ClusterRecord) => Partial<ClusterFields>,
  detail: string,
): Promise<ClusterRecord> {
  let current = record;
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.store.apply(current, {
        event: 'note',
        by: 'bot',
        at: deps.now().toISOString(),
        detail,
        set: fields(current),
      });
    } catch (error) {
      const fresh =
        error instanceof ConflictError && attempt < NOTE_ATTEMPTS && (await deps.store.get(record.id));
      if (!fresh) throw error;
      current = fresh;
    }
  }
}

/** Saves where messages were posted (merged into the record's `slack` places). */
export function saveSlackPlaces(
  deps: Pick<Deps, 'store' | 'now'>,
  record: ClusterRecord,
  places: Partial<SlackPlaces>,
  detail: string,
): Promise<ClusterRecord> {
  return note(deps, record, (current) => ({ slack: { ...current.slack, ...places } }), detail);
}
