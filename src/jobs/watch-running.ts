import { applyFresh } from '../clusters/decide-apply';
import type { Deps } from '../deps';
import { type ClusterCare, healthStep } from '../domain/care';
import type { ClusterRecord } from '../domain/cluster';
import { allPages } from '../palette/paging';
import type { ClusterSummary } from '../palette/port';
import { healthDownNotice, healthUpNotice, updatesNotice } from '../slack/blocks/care';
import { postInThreadOnce } from '../slack/thread';
import { scopeOfRecord, type TeamScope } from '../teams/scope';
import { forEachBounded } from './pace';
import { endRepaveHold, openRepaveHold } from './repave';

/** Running clusters looked after at once (each may read Palette once or twice and post). */
const CONCURRENCY = 4;

/** Saves the record's `care` (a `note`), computed from the freshest record. */
function saveCare(
  deps: Pick<Deps, 'store' | 'now'>,
  record: ClusterRecord,
  detail: string,
  change: (care: ClusterCare) => ClusterCare,
): Promise<ClusterRecord | undefined> {
  return applyFresh(deps, record, 'palette', (current) =>
    current.state === 'RUNNING'
      ? { event: 'note', detail, set: { care: change({ ...current.care }) } }
      : undefined,
  );
}

/** Without one key (DynamoDB keeps no undefined values). */
function without<K extends keyof ClusterCare>(care: ClusterCare, key: K): ClusterCare {
  const { [key]: _gone, ...rest } = care;
  return rest;
}

/**
 * A health change is announced once a sweep later (a flap shorter than a sweep is not), once each way. Resolves
 * to the record as it now is.
 */
async function watchHealth(deps: Deps, record: ClusterRecord, row: ClusterSummary): Promise<ClusterRecord> {
  if (!row.health) return record;
  const now = deps.now().toISOString();
  const step = healthStep(
    record.care?.unhealthy,
    { healthy: row.health === 'Healthy', problems: row.healthProblems ?? [] },
    now,
  );
  switch (step.kind) {
    case 'suspect':
      return (
        (await saveCare(deps, record, `Palette reports it ${row.health}`, (care) => ({
          ...care,
          unhealthy: step.episode,
        }))) ?? record
      );
    case 'announce-down': {
      const saved = await saveCare(deps, record, 'unhealthy for a sweep: announced', (care) => ({
        ...care,
        unhealthy: step.episode,
      }));
      if (!saved) return record;
      await postInThreadOnce(
        deps,
        saved,
        `health-down:${step.episode.since}`,
        healthDownNotice(deps.config, saved, step.episode),
      );
      return saved;
    }
    case 'announce-up':
      await postInThreadOnce(
        deps,
        record,
        `health-up:${step.episode.since}`,
        healthUpNotice(record, step.lastedMs),
      );
      return (await saveCare(deps, record, 'healthy again', (care) => without(care, 'unhealthy'))) ?? record;
    case 'forget-flap':
      return (
        (await saveCare(deps, record, 'healthy again within a sweep: not announced', (care) =>
          without(care, 'unhealthy'),
        )) ?? record
      );
    case 'none':
      return record;
  }
}

/** A repave Palette holds gets its card once; one it no longer holds loses the button. */
async function watchRepave(
  deps: Deps,
  record: ClusterRecord,
  scope: TeamScope,
  pending: boolean,
): Promise<void> {
  const hold = record.care?.repave;
  const open = hold !== undefined && !hold.outcome;
  if (pending === open) return;
  const status = await scope.palette.repaveStatus(record.paletteUid!);
  if (pending) {
    if (status?.state === 'Pending') await openRepaveHold(deps, record, scope, status);
    return;
  }
  const outcome =
    status?.state === 'Approved' ? 'approved' : status?.state === 'Reverted' ? 'reverted' : 'gone';
  await endRepaveHold(deps, record, scope, outcome);
}

/** Palette's offer of a profile update is announced once; when the offer goes, the next one is announced again. */
async function watchUpdates(
  deps: Deps,
  record: ClusterRecord,
  scope: TeamScope,
  available: boolean,
): Promise<void> {
  const noticed = record.care?.updateNoticed;
  if (!available) {
    if (noticed) await saveCare(deps, record, 'no update on offer', (care) => without(care, 'updateNoticed'));
    return;
  }
  if (noticed) return;
  const notices = await scope.palette.updateNotices(record.paletteUid!);
  const key = notices[0]?.uid || 'available';
  await postInThreadOnce(deps, record, `updates:${key}`, updatesNotice(deps.config, record, notices));
  await saveCare(deps, record, 'update on offer: announced', (care) => ({ ...care, updateNoticed: key }));
}

/** A running record and the row of Palette's cluster search that lists it. */
export interface SweptRunning {
  record: ClusterRecord;
  row: ClusterSummary;
}

/**
 * The after-Running look of one Palette scope's RUNNING records (a sweep hook), from the rows of the sweep's own
 * cluster search (health, repave state, update flag) plus ONE paged repave list that confirms the held repaves;
 * per cluster only a change costs more calls (repave reasons, update details). Announcements are claimed, so
 * concurrent sweeps announce once.
 */
async function watchRunning(deps: Deps, swept: readonly SweptRunning[], scope: TeamScope): Promise<void> {
  const pending = new Set(
    (await allPages((token) => scope.palette.repaves('Pending', token ? { continue: token } : {}))).map(
      (row) => row.uid,
    ),
  );
  await forEachBounded(swept, CONCURRENCY, async ({ record, row }) => {
    try {
      await watchHealth(deps, record, row);
      const fresh = (await deps.store.get(record.id)) ?? record;
      await watchRepave(deps, fresh, scope, pending.has(row.uid) || row.repaveState === 'Pending');
      await watchUpdates(
        deps,
        (await deps.store.get(record.id)) ?? fresh,
        scope,
        row.updatesAvailable === true,
      );
    } catch (error) {
      deps.logger.warn('Could not look after a running cluster; the next sweep tries again.', {
        clusterId: record.id,
        error,
      });
    }
  });
}

/** `watchRunning` for every Palette scope the swept running records belong to (the reconciler's sweep calls this). */
export async function watchSweptRunning(deps: Deps, swept: readonly SweptRunning[]): Promise<void> {
  // By team and project: the team's approval channel gets the cards, the project's Palette is read.
  const byScope = new Map<string, { scope: TeamScope; swept: SweptRunning[] }>();
  for (const pair of swept) {
    if (pair.record.state !== 'RUNNING' || !pair.record.paletteUid) continue;
    const scope = scopeOfRecord(deps, pair.record);
    const key = `${scope.team.name}\n${pair.record.paletteProjectUid ?? ''}`;
    const group = byScope.get(key) ?? { scope, swept: [] };
    group.swept.push(pair);
    byScope.set(key, group);
  }
  for (const { scope, swept: group } of byScope.values()) {
    try {
      await watchRunning(deps, group, scope);
    } catch (error) {
      deps.logger.warn('Could not read Palette for the running clusters; the next sweep tries again.', {
        team: scope.team.name,
        error,
      });
    }
  }
}
