import type { Deps } from '../../deps';
import type { ClusterRecord } from '../../domain/cluster';
import { isNotFound, isRefusal } from '../../palette/errors';
import { allocatedMachines, type Leftovers } from '../../palette/leftovers';
import {
  forceDeleteNoticeUsed,
  forceDeleteRefusedMessage,
  forceDeleteSentMessage,
} from '../../slack/blocks/force-delete';
import { postInThreadOnce, updateMessage } from '../../slack/thread';
import { scopeOfRecord } from '../../teams/scope';
import { applyFresh } from '../decide-apply';
import type { JobHandler } from '../handler';

/**
 * Turns the thread's force-delete notice into a record of who force-deleted and what is left to clean up, and
 * drops its ts from the record: the notice is settled, so the poll must not withdraw it as "no longer needed".
 */
async function settleNotice(deps: Deps, record: ClusterRecord, by: string, at: string, leftovers: Leftovers) {
  const ts = record.slack.forceDeleteNoticeTs;
  if (!ts) return;
  try {
    await updateMessage(
      deps,
      { channel: record.slack.channel, ts },
      forceDeleteNoticeUsed({ name: record.name, by, at, leftovers }, deps.now()),
    );
  } catch (error) {
    deps.logger.warn('Could not update the force-delete notice', { error });
  }
  await applyFresh(deps, record, 'bot', (current) => {
    if (!current.slack.forceDeleteNoticeTs) return undefined;
    const { forceDeleteNoticeTs: _settled, ...slack } = current.slack;
    return { event: 'note', detail: 'Force-delete notice settled.', set: { slack } };
  });
}

/**
 * Sends Palette's force delete (`forceDelete=true`) for a cluster an admin force-deleted (the click recorded
 * `force-delete-started`), lists the machines left allocated in the thread, and lets the poll follow the cluster
 * to Deleted. Palette's refusal is shown as written. Safe to run twice: the thread hears about it once.
 */
export const forceDeleteJob: JobHandler<'force-delete'> = async ({ clusterId }, deps) => {
  const record = await deps.store.get(clusterId);
  if (record?.state !== 'DELETING' || !record.forceDeleteAt || !record.forceDeleteBy) return;
  if (!record.paletteUid) return;
  const { forceDeleteAt: at, forceDeleteBy: by } = record;
  // Listed before the force delete: once Palette drops the cluster, its pools can no longer be read.
  const { palette } = scopeOfRecord(deps, record);
  const leftovers = await allocatedMachines(palette, record);
  try {
    await palette.deleteCluster(record.paletteUid, { force: true });
    deps.metrics.add('ClusterOperations', 1, { operation: 'force-delete', outcome: 'accepted' });
  } catch (error) {
    if (isRefusal(error)) {
      deps.metrics.add('ClusterOperations', 1, { operation: 'force-delete', outcome: 'refused' });
      // Clear the request so an admin can try again once the cause is fixed.
      await applyFresh(deps, record, 'palette', (current) =>
        current.forceDeleteAt === at
          ? {
              event: 'note',
              detail: `Palette refused the force delete: ${error.message}`,
              remove: ['forceDeleteAt', 'forceDeleteBy'],
            }
          : undefined,
      );
      await postInThreadOnce(
        deps,
        record,
        `force-delete-refused:${at}`,
        forceDeleteRefusedMessage(record.name, error.message),
      );
      return;
    }
    if (!isNotFound(error)) throw error;
  }
  await postInThreadOnce(
    deps,
    record,
    `force-delete-sent:${at}`,
    forceDeleteSentMessage({ name: record.name, by, leftovers }),
  );
  await settleNotice(deps, record, by, at, leftovers);
  await deps.jobs.dispatch({ kind: 'poll', clusterId });
};
