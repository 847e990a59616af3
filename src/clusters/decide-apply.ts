import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { type Action, type Actor, decide, type Refusal } from '../domain/policy';
import { type ClusterChange, ConflictError } from '../store/port';
import { scopeOfRecord } from '../teams/scope';

/** How often a lost race is decided again before giving up (each loss means someone else just acted). */
const ATTEMPTS = 4;

/**
 * The transition to make on the record as it is now, or why there is nothing to do (e.g. the force delete was
 * already sent); asked again after every lost race, so it always sees the freshest record.
 */
export type ChangePlan = (
  record: ClusterRecord,
  at: string,
) => Omit<ClusterChange, 'by' | 'at'> | { nothingToDo: string };

/** The outcome: applied (with the record before and after), refused by policy, nothing to do, or no such record. */
export type Decided =
  | { ok: true; before: ClusterRecord; record: ClusterRecord }
  | { ok: false; kind: 'refused'; record: ClusterRecord; refusal: Refusal }
  | { ok: false; kind: 'nothing-to-do'; record: ClusterRecord; reason: string }
  | { ok: false; kind: 'missing' };

/**
 * Asks policy (`decide`, with the record's team's settings) whether `actor` — resolved for the record's team — may
 * do `action` to the cluster now and, if so, applies the planned
 * transition as one conditional update. On a ConflictError (someone else acted meanwhile) it re-reads the record
 * and decides again — never a blind retry. Starts from the record the caller read (a stale one just conflicts and
 * is re-read) or, given an id, reads it. Throws only when the store fails or the races never settle.
 */
export async function decideAndApply(
  deps: Pick<Deps, 'store' | 'now' | 'config' | 'palettes'>,
  target: ClusterRecord | string,
  action: Action,
  actor: Actor,
  plan: ChangePlan,
): Promise<Decided> {
  const clusterId = typeof target === 'string' ? target : target.id;
  let record = typeof target === 'string' ? await deps.store.get(target) : target;
  for (let attempt = 1; ; attempt++) {
    if (!record) return { ok: false, kind: 'missing' };
    const now = deps.now();
    const decision = decide(action, actor, record, now, scopeOfRecord(deps, record).policy);
    if (!decision.ok) return { ok: false, kind: 'refused', record, refusal: decision };
    const at = now.toISOString();
    const change = plan(record, at);
    if ('nothingToDo' in change)
      return { ok: false, kind: 'nothing-to-do', record, reason: change.nothingToDo };
    try {
      const applied = await deps.store.apply(record, { ...change, by: actor.userId, at });
      return { ok: true, before: record, record: applied };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
      record = await deps.store.get(clusterId);
    }
  }
}

/**
 * Applies a bookkeeping change that asks no policy question (a note, a ts to remember) starting from `record`;
 * after a lost race it re-reads and asks `plan` again. Resolves to the saved record, or undefined when `plan`
 * finds nothing left to do or the record is gone.
 */
export async function applyFresh(
  deps: Pick<Deps, 'store' | 'now'>,
  record: ClusterRecord,
  by: string,
  plan: (current: ClusterRecord) => Omit<ClusterChange, 'by' | 'at'> | undefined,
): Promise<ClusterRecord | undefined> {
  let current: ClusterRecord | undefined = record;
  for (let attempt = 1; current; attempt++) {
    const change = plan(current);
    if (!change) return undefined;
    try {
      return await deps.store.apply(current, { ...change, by, at: deps.now().toISOString() });
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
      current = await deps.store.get(record.id);
    }
  }
  return undefined;
}
