import { applyFresh } from '../clusters/decide-apply';
import type { Deps } from '../deps';
import type { ClusterRecord, Progress } from '../domain/cluster';
import { scaleFinishedMessage } from '../slack/blocks/scale';
import { postInThreadOnce } from '../slack/thread';
import { scopeOfRecord } from '../teams/scope';

/**
 * Whether Palette's pool has reached the resize: its desired size and its ready nodes are the new size — and,
 * for a shrink, the machines that leave are released (Palette still lists them while it drains them).
 */
async function reached(deps: Deps, record: ClusterRecord, pools: Progress['pools']): Promise<boolean> {
  const scaling = record.scaling!;
  const pool = pools.find((candidate) => candidate.name === scaling.pool);
  if (pool?.desired !== scaling.to || pool.ready !== scaling.to) return false;
  if (scaling.to >= scaling.from || !record.cloudConfigUid) return true;
  const { palette } = scopeOfRecord(deps, record);
  return (await palette.poolMachines(record.cloudConfigUid, scaling.pool)).length <= scaling.to;
}

/**
 * Ends the resize a poll is following once Palette's pool has the new size: the `scale-finished` transition
 * clears the record's `scaling` (conditional on it being the same resize), and the thread hears "3/3 nodes
 * ready" once. Resolves to the record as it now is (still scaling when Palette is not there yet).
 */
export async function finishScaleIfDone(
  deps: Deps,
  record: ClusterRecord,
  pools: Progress['pools'],
): Promise<ClusterRecord> {
  const scaling = record.scaling;
  if (record.state !== 'RUNNING' || !scaling || !(await reached(deps, record, pools))) return record;
  const tookMs = deps.now().getTime() - Date.parse(scaling.since);
  const finished = await applyFresh(deps, record, 'palette', (current) =>
    current.scaling?.since === scaling.since
      ? {
          event: 'scale-finished',
          detail: `${scaling.pool} ${scaling.to}/${scaling.to} nodes ready`,
          remove: ['scaling'],
        }
      : undefined,
  );
  if (finished)
    await postInThreadOnce(
      deps,
      finished,
      `scale-finished:${scaling.since}`,
      scaleFinishedMessage({ name: record.name, ...scaling, tookMs }),
    );
  return finished ?? (await deps.store.get(record.id)) ?? record;
}
