import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { type Day2Feature, MAX_FOLLOW_SECONDS } from '../domain/day2';
import { isTerminal } from '../domain/lifecycle';

/** A follow-up chain has reached its longest wait after this long; a run older than that is followed at it. */
const SETTLED_SECONDS = 2 * MAX_FOLLOW_SECONDS;
/** The attempt whose wait is the longest (five minutes). */
const SETTLED_ATTEMPT = 16;

/**
 * The reconciler's hook for on-demand backups and scans: a run Palette never heard of (its `day2-start` was lost)
 * is started again; a run Palette accepted gets a look now, which goes on at the five-minute step. Follow-ups at
 * that step fall on the same aligned moments (see scheduleFollow), so re-arming a chain that is alive merges with
 * it (one extra look) and re-arming a lost one restarts it.
 */
export async function rearmDay2(deps: Deps, record: ClusterRecord, now: Date): Promise<void> {
  if (isTerminal(record.state)) return;
  for (const [feature, state] of Object.entries(record.day2 ?? {}) as [
    Day2Feature,
    { running?: { since: string; requestUid?: string } },
  ][]) {
    const run = state.running;
    if (!run || now.getTime() - Date.parse(run.since) < SETTLED_SECONDS * 1000) continue;
    // At most once per five minutes per run, whatever the reconciler's own pace.
    const bucket = Math.floor(now.getTime() / (MAX_FOLLOW_SECONDS * 1000));
    if (!(await deps.store.claimOnce(`day2-rearm:${record.id}:${feature}:${bucket}`, MAX_FOLLOW_SECONDS)))
      continue;
    await deps.jobs.dispatch(
      run.requestUid
        ? { kind: 'day2-follow', clusterId: record.id, feature, attempt: SETTLED_ATTEMPT }
        : { kind: 'day2-start', clusterId: record.id, feature },
    );
  }
}
