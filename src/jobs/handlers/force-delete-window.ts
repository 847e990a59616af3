import type { Deps } from '../../deps';
import type { ClusterRecord } from '../../domain/cluster';
import { forceDeleteEligibleAt } from '../../domain/policy';
import { allocatedMachines } from '../../palette/leftovers';
import { forceDeleteNotice } from '../../slack/blocks/force-delete';
import { forceDeleteNotNeeded } from '../../slack/blocks/notices';
import { withAdmins } from '../../slack/roles';
import { postInThread, updateMessage } from '../../slack/thread';
import { scopeOfRecord } from '../../teams/scope';
import type { JobHandler } from '../handler';
import { saveSlackPlaces } from '../note';
import { scheduleForceDeleteWindow } from '../observe';

/** How long the notice's once-only claim is kept: longer than any deletion lasts. */
const NOTICE_CLAIM_SECONDS = 30 * 86_400;

/**
 * Keeps the notice's ts on the record (so the poll can withdraw it when the deletion ends). If the deletion ended
 * while the notice was being posted, the poll will not see it: withdraw it here.
 */
async function rememberNotice(deps: Deps, record: ClusterRecord, ts: string): Promise<void> {
  const saved = await saveSlackPlaces(
    deps,
    record,
    { forceDeleteNoticeTs: ts },
    'Force-delete notice posted.',
    'scheduler',
  );
  if (saved.state !== 'DELETING' && !saved.forceDeleteAt)
    await updateMessage(deps, { channel: saved.slack.channel, ts }, forceDeleteNotNeeded(saved));
}

/**
 * The force-delete window has opened (scheduled at deletingSince + FORCE_DELETE_AFTER). If the cluster is still
 * deleting — in our record and in Palette — the thread gets ONE notice with the Force delete button, the
 * clean-up warning and the machines still allocated. An early firing re-arms itself; a late or duplicate one,
 * or one after the deletion finished, posts nothing.
 */
export const forceDeleteWindow: JobHandler<'force-delete-window'> = async (job, deps) => {
  const { clusterId } = job;
  const record = await deps.store.get(clusterId);
  if (record?.state !== 'DELETING' || !record.deletingSince) return;
  if (record.slack.forceDeleteNoticeTs || record.forceDeleteAt) return;
  const opensAt = forceDeleteEligibleAt(record, deps.config.policy)!;
  if (deps.now().getTime() < Date.parse(opensAt)) {
    await scheduleForceDeleteWindow(deps, record);
    return;
  }
  // Palette may have finished since the last poll: a deletion that is over gets no notice; the poll ends it.
  const { palette, team } = scopeOfRecord(deps, record);
  const info = record.paletteUid ? await palette.getCluster(record.paletteUid) : undefined;
  if (!info || info.state === 'Deleted') {
    await deps.jobs.dispatch({ kind: 'poll', clusterId });
    return;
  }
  // Palette has not taken the delete yet (refused, or lost: the reconciler sends it again). Palette would refuse
  // a force delete now, so none is offered; look again a little later.
  if (info.state !== 'Deleting') {
    const later = deps.now().getTime() + Math.max(60, deps.config.pollIntervalSeconds) * 1000;
    await deps.scheduler.at(new Date(later), job, 'force-delete-window');
    return;
  }
  // Claimed before posting: two firings never both post (a post that then fails leaves admins the command).
  const claim = `force-delete-notice:${clusterId}:${record.deletingSince}`;
  if (!(await deps.store.claimOnce(claim, NOTICE_CLAIM_SECONDS))) return;
  const notice = forceDeleteNotice(
    {
      cluster: record,
      deletingSince: record.deletingSince,
      // The cloud config uid Palette just gave spares allocatedMachines reading the cluster again.
      leftovers: await allocatedMachines(palette, {
        ...record,
        cloudConfigUid: record.cloudConfigUid ?? info.cloudConfigUid,
      }),
      ...withAdmins(team),
    },
    deps.now(),
  );
  const ts = await postInThread(deps, record, notice);
  if (ts) await rememberNotice(deps, record, ts);
};
