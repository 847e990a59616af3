import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { eventForObservation, type LifecycleEvent, stateFromPalette } from '../domain/lifecycle';
import { forceDeleteEligibleAt } from '../domain/policy';
import type { ClusterFields } from '../store/port';

/** Fields recorded with an event Palette's report caused. */
const OBSERVED_FIELDS: Partial<
  Record<LifecycleEvent, (at: string, from: ClusterRecord, paletteState: string) => Partial<ClusterFields>>
> = {
  running: (at) => ({ runningSince: at }),
  'abort-started': (at) => ({ deletingSince: at, deleteKind: 'abort' }),
  'delete-started': (at) => ({ deletingSince: at, deleteKind: 'delete' }),
  deleted: (at, from, paletteState) => ({
    // Gone while still provisioning (deleted in Palette's console between two looks): that was an abort.
    ...(from.state === 'PROVISIONING' ? { deleteKind: 'abort' as const } : {}),
    // A 404 ends a deletion normally; for a cluster the bot was not deleting it means it vanished outside the bot.
    ...(paletteState === 'NotFound' && from.state !== 'DELETING' ? { goneFromPaletteAt: at } : {}),
  }),
};

/** Arranges the force-delete notice for the moment the window opens (Palette's 15-minute rule). */
export async function scheduleForceDeleteWindow(
  deps: Pick<Deps, 'scheduler' | 'config'>,
  record: Pick<ClusterRecord, 'id' | 'deletingSince'>,
): Promise<string | undefined> {
  const opensAt = forceDeleteEligibleAt(record, deps.config.policy);
  if (!opensAt) return undefined;
  await deps.scheduler.at(
    new Date(opensAt),
    { kind: 'force-delete-window', clusterId: record.id },
    'force-delete-window',
  );
  return opensAt;
}

/**
 * Brings the record in line with what Palette reports (`status.state`, or `NotFound` for a 404): a cluster that
 * came up, or was aborted, deleted or removed in Palette's console. One conditional transition by `palette`; a
 * deletion it starts gets its force-delete window. Resolves to the moved record, or undefined when the report
 * calls for no change; a ConflictError (someone acted meanwhile) is the caller's to handle.
 */
export async function applyPaletteState(
  deps: Pick<Deps, 'store' | 'scheduler' | 'config' | 'now' | 'metrics'>,
  record: ClusterRecord,
  paletteState: string,
): Promise<ClusterRecord | undefined> {
  const observed = stateFromPalette(paletteState);
  const event = observed && eventForObservation(record.state, observed);
  if (!event) return undefined;
  const at = deps.now().toISOString();
  const moved = await deps.store.apply(record, {
    event,
    by: 'palette',
    at,
    detail:
      paletteState === 'NotFound'
        ? 'Palette no longer knows this cluster (404).'
        : `Palette reports ${paletteState}.`,
    set: OBSERVED_FIELDS[event]?.(at, record, paletteState) ?? {},
  });
  if (moved.state === 'DELETING') await scheduleForceDeleteWindow(deps, moved);
  // Once per cluster: only the conditional write that made it RUNNING gets here.
  if (moved.state === 'RUNNING')
    deps.metrics.add('RequestToRunning', (Date.parse(at) - Date.parse(record.requestedAt)) / 1000, {});
  return moved;
}
