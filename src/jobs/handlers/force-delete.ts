import { applyFresh } from '../../clusters/decide-apply';
import type { Deps } from '../../deps';
import { type ClusterRecord, keepLeftovers, type Leftovers } from '../../domain/cluster';
import { isNotFound, isRefusal } from '../../palette/errors';
import { allocatedMachines } from '../../palette/leftovers';
import type { Palette } from '../../palette/port';
import {
  forceDeleteNoticeUsed,
  forceDeleteRefusedMessage,
  forceDeleteSentMessage,
} from '../../slack/blocks/force-delete';
import { postInThreadOnce, updateMessage } from '../../slack/thread';
import { scopeOfRecord } from '../../teams/scope';
import type { JobHandler } from '../handler';

/**
 * Keeps the machines a force delete will leave on the record BEFORE it is sent: the deletion's poll chain may see
 * Palette's Deleted the moment it is, and the status message and the final notice must already know them. A retry
 * keeps what the first try listed (once Palette drops the cluster, its pools can no longer be read).
 */
async function noteLeftovers(
  deps: Deps,
  palette: Palette,
  record: ClusterRecord,
  at: string,
): Promise<Leftovers> {
  if (record.leftovers) return record.leftovers;
  const leftovers = keepLeftovers(await allocatedMachines(palette, record));
  await applyFresh(deps, record, 'bot', (current) =>
    current.forceDeleteAt === at && !current.leftovers
      ? {
          event: 'note',
          detail: 'Listed the machines the force delete leaves allocated.',
          set: { leftovers },
        }
      : undefined,
  );
  return leftovers;
}

/**
 * Turns the thread's force-delete notice into a record of who force-deleted (its list gives way to the one in the
 * message below it) and drops its ts from the record: the notice is settled, so the poll must not withdraw it as
 * "no longer needed".
 */
async function settleNotice(deps: Deps, record: ClusterRecord, by: string, at: string) {
  const ts = record.slack.forceDeleteNoticeTs;
  if (!ts) return;
  try {
    await updateMessage(
      deps,
      { channel: record.slack.channel, ts },
      forceDeleteNoticeUsed({ name: record.name, by, at }, deps.now()),
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
 * `force-delete-started`), lists the machines left allocated in the thread — once — and lets the poll follow the
 * cluster to Deleted. Palette's refusal is shown as written. Safe to run twice: the thread hears about it once.
 */
export const forceDeleteJob: JobHandler<'force-delete'> = async ({ clusterId }, deps) => {
  const record = await deps.store.get(clusterId);
  if (record?.state !== 'DELETING' || !record.forceDeleteAt || !record.forceDeleteBy) return;
  if (!record.paletteUid) return;
  const { forceDeleteAt: at, forceDeleteBy: by } = record;
  const { palette } = scopeOfRecord(deps, record);
  const leftovers = await noteLeftovers(deps, palette, record, at);
  // Said before Palette is asked, so it comes before the poll's "deleted" notice that refers to its list.
  await postInThreadOnce(
    deps,
    record,
    `force-delete-sent:${at}`,
    forceDeleteSentMessage({ name: record.name, by, leftovers }),
  );
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
              remove: ['forceDeleteAt', 'forceDeleteBy', 'leftovers'],
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
  await settleNotice(deps, record, by, at);
  await deps.jobs.dispatch({ kind: 'poll', clusterId });
};
