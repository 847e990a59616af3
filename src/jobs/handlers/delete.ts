import { isNotFound, isRefusal } from '../../palette/errors';
import { deletionRefusedByPaletteMessage, deletionStartedMessage } from '../../slack/blocks/delete';
import { showMilestone } from '../../slack/milestone';
import { postInThreadOnce } from '../../slack/thread';
import { scopeOfRecord } from '../../teams/scope';
import type { JobHandler } from '../handler';
import { scheduleForceDeleteWindow } from '../observe';

/**
 * Sends Palette's normal delete for a cluster in DELETING (a delete, or an abort while provisioning — the same
 * call; Palette has no abort endpoint), tells the thread who started it (and the card and request message), arranges the force-delete window and
 * starts the poll that follows the deletion to its end. A 404 means the cluster is already gone: the poll
 * finishes the record. Safe to run twice: Palette's delete is idempotent and the thread hears it once.
 */
export const deleteJob: JobHandler<'delete'> = async ({ clusterId }, deps) => {
  const record = await deps.store.get(clusterId);
  if (record?.state !== 'DELETING' || !record.deletingSince) return;
  if (!record.paletteUid) {
    deps.logger.warn('A deleting cluster has no Palette uid; nothing to delete in Palette.');
    return;
  }
  // The window is arranged before Palette is asked, so a crash in between can never lose it (asking twice is fine).
  const forceDeleteAt = await scheduleForceDeleteWindow(deps, record);
  const operation = record.deleteKind ?? 'delete';
  try {
    await scopeOfRecord(deps, record).palette.deleteCluster(record.paletteUid, { force: false });
    deps.metrics.add('ClusterOperations', 1, { operation, outcome: 'accepted' });
  } catch (error) {
    if (isRefusal(error)) {
      deps.metrics.add('ClusterOperations', 1, { operation, outcome: 'refused' });
      await postInThreadOnce(
        deps,
        record,
        `delete-refused:${record.deletingSince}`,
        deletionRefusedByPaletteMessage(record.name, error.message),
      );
      return;
    }
    if (!isNotFound(error)) throw error;
  }
  const message = deletionStartedMessage(
    {
      name: record.name,
      kind: record.deleteKind ?? 'delete',
      ...(record.deletedBy ? { by: record.deletedBy } : {}),
      ...(forceDeleteAt ? { forceDeleteAt } : {}),
    },
    deps.now(),
  );
  if (await postInThreadOnce(deps, record, `delete-started:${record.deletingSince}`, message))
    await showMilestone(deps, record);
  // Overlapping polls are harmless (only the one that saves progress posts), so a retried job may start one too.
  await deps.jobs.dispatch({ kind: 'poll', clusterId });
};
