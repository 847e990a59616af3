import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import {
  type Day2Feature,
  type Day2Result,
  type Day2Run,
  onDemandBackupName,
  withFeature,
} from '../domain/day2';
import type { Actor } from '../domain/policy';
import { applyFresh, type Decided, decideAndApply } from './decide-apply';

/** The policy action and history events of a feature. */
function eventsOf(feature: Day2Feature) {
  return feature === 'backup'
    ? ({ action: 'backup', requested: 'backup-requested', finished: 'backup-finished' } as const)
    : ({ action: 'scan', requested: 'scan-requested', finished: 'scan-finished' } as const);
}

/** The run of `feature` under way on the record, if any. */
export function runningOf(record: Pick<ClusterRecord, 'day2'>, feature: Day2Feature): Day2Run | undefined {
  return record.day2?.[feature]?.running;
}

/**
 * Claims an on-demand backup or scan: policy decides (a running cluster, by its requester or an admin), and ONE
 * conditional write records it as under way — unless one of the same feature already is, which is the answer
 * (`nothing-to-do` with that run). Two clicks or a retried one claim once.
 */
export function claimRun(
  deps: Deps,
  record: ClusterRecord,
  feature: Day2Feature,
  actor: Actor,
): Promise<Decided> {
  const { action, requested } = eventsOf(feature);
  return decideAndApply(deps, record, action, actor, (current, at) => {
    const running = runningOf(current, feature);
    if (running) return { nothingToDo: 'running' };
    const run: Day2Run = {
      by: actor.userId,
      since: at,
      ...(feature === 'backup'
        ? { name: onDemandBackupName(current.spec.management?.backup?.prefix, new Date(at)) }
        : {}),
    };
    return {
      event: requested,
      detail: feature === 'backup' ? `on-demand backup ${run.name}` : `on-demand ${feature} scan`,
      set: { day2: withFeature(current.day2, feature, { ...current.day2?.[feature], running: run }) },
    };
  });
}

/** Records Palette's request uid on the run it belongs to (once); the saved record, or undefined if it ended. */
export function noteRequestUid(
  deps: Deps,
  record: ClusterRecord,
  feature: Day2Feature,
  requestUid: string,
): Promise<ClusterRecord | undefined> {
  return applyFresh(deps, record, 'bot', (current) => {
    const running = runningOf(current, feature);
    if (!running || running.requestUid) return undefined;
    return {
      event: 'note',
      detail: `${feature} request ${requestUid}`,
      set: {
        day2: withFeature(current.day2, feature, {
          ...current.day2?.[feature],
          running: { ...running, requestUid },
        }),
      },
    };
  });
}

/**
 * Ends the run that `requestUid` names (or the run not yet accepted by Palette, when it is undefined) with
 * `result`, as ONE conditional write with a history line: the record that ended it, or undefined when it had
 * already ended — so the thread hears of an end once.
 */
export function finishRun(
  deps: Deps,
  record: ClusterRecord,
  feature: Day2Feature,
  requestUid: string | undefined,
  result: Day2Result,
): Promise<ClusterRecord | undefined> {
  const { finished } = eventsOf(feature);
  return applyFresh(deps, record, 'palette', (current) => {
    const running = runningOf(current, feature);
    if (!running || running.requestUid !== requestUid) return undefined;
    return {
      event: finished,
      detail: `${result.outcome}: ${result.summary}`,
      set: { day2: withFeature(current.day2, feature, { last: result }) },
    };
  });
}
