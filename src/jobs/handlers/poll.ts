import { matchPools, progressChanged, rememberEvents, unseenEvents } from '../../clusters/progress';
import type { Deps } from '../../deps';
import type { ClusterRecord } from '../../domain/cluster';
import { startLease } from '../../leases/start';
import { isNotFound, PaletteError } from '../../palette/errors';
import type { ClusterEvent, ClusterOverview } from '../../palette/port';
import {
  deletedNotice,
  eventLines,
  forceDeleteNotNeeded,
  runningNotice,
  stalledNotice,
} from '../../slack/blocks/notices';
import { elapsedText } from '../../slack/blocks/status';
import { refreshCard } from '../../slack/card';
import { showMilestone } from '../../slack/milestone';
import { postInThread, postInThreadOnce, roomForProgressPost, updateMessage } from '../../slack/thread';
import { ConflictError } from '../../store/port';
import { scopeOfRecord } from '../../teams/scope';
import type { JobHandler } from '../handler';
import { applyPaletteState } from '../observe';
import { finishScaleIfDone } from '../scale-progress';
import { refreshStatusMessage } from '../status-message';

/** Events read per poll: Palette's page size, more than a minute of provisioning produces. */
const EVENTS_PER_POLL = 50;

/** What one poll read from Palette. */
interface Reading {
  /** Palette's `status.state`, or `NotFound` for a 404. */
  paletteState: string;
  overview?: ClusterOverview;
  events: ClusterEvent[];
}

/** The cluster, its overview and its events (in its project); a 404 on any of them means the cluster is gone. */
async function readPalette(deps: Deps, record: ClusterRecord, uid: string): Promise<Reading> {
  const { palette } = scopeOfRecord(deps, record);
  const [info, overview, events] = await Promise.all([
    palette.getCluster(uid),
    palette.clusterOverview(uid),
    palette.clusterEvents(uid, EVENTS_PER_POLL).catch((error: unknown) => {
      if (isNotFound(error)) return [];
      throw error;
    }),
  ]);
  return { paletteState: info?.state ?? 'NotFound', ...(overview ? { overview } : {}), events };
}

/**
 * Saves what was read as the record's progress (conditional on the progress read: undefined when another poll
 * saved first, and that poll posts the news). Resolves to the saved record and the events not yet posted.
 */
async function saveReading(
  deps: Deps,
  record: ClusterRecord,
  reading: Reading,
): Promise<{ record: ClusterRecord; fresh: ClusterEvent[]; changed: boolean } | undefined> {
  const before = record.progress;
  const pools = reading.overview ? matchPools(record.spec, reading.overview.pools) : (before?.pools ?? []);
  const health = reading.overview?.health;
  const observed = { paletteState: reading.paletteState, ...(health ? { health } : {}), pools };
  const unseen = unseenEvents(reading.events, before?.seenEventUids ?? []);
  // Event lines are progress: when the channel's pace is taken (a burst of clusters in one channel), they stay
  // unseen and the next poll posts them in one line with its own, leaving the room to milestones.
  const fresh = unseen.length > 0 && roomForProgressPost(deps, record.slack.channel) ? unseen : [];
  const changed = progressChanged(before, observed) || unseen.length > 0;
  const now = deps.now().toISOString();
  const saved = await deps.store.saveProgress(record, {
    ...observed,
    seenEventUids: rememberEvents(before?.seenEventUids ?? [], fresh),
    lastChangeAt: changed ? now : (before?.lastChangeAt ?? record.provisioningSince ?? now),
    polledAt: now,
  });
  return saved && { record: saved, fresh, changed };
}

/**
 * Brings the record in line with what Palette observed (running once Healthy, deleted on Deleted or 404, an abort
 * or delete started in Palette's console). Resolves to the record as it now is.
 */
async function applyObservation(deps: Deps, record: ClusterRecord, reading: Reading): Promise<ClusterRecord> {
  // Running is announced once Palette also says the cluster is healthy.
  if (reading.paletteState === 'Running' && reading.overview?.health !== 'Healthy') return record;
  try {
    return (await applyPaletteState(deps, record, reading.paletteState)) ?? record;
  } catch (error) {
    // Someone acted meanwhile (an abort, the reconciler): carry on with what they made.
    if (!(error instanceof ConflictError)) throw error;
    return (await deps.store.get(record.id)) ?? record;
  }
}

/**
 * Running or deleted — whoever moved it (this poll, or the reconciler with `by: 'palette'`): the status message
 * and the card show it, and the thread tells the requester once; a force-delete notice says it is not needed.
 */
async function announceEnd(deps: Deps, ended: ClusterRecord): Promise<void> {
  // The lease starts at Running: the status message and the notice say when it ends.
  const record = ended.state === 'RUNNING' ? await startLease(deps, ended) : ended;
  // The notice first: it needs only the channel's pace, while the summaries' edits share chat.update's tier with
  // every thread. Broadcast both: the channel's last word on the cluster is its end, not that it ran.
  const notice =
    record.state === 'RUNNING'
      ? { key: 'running', message: runningNotice(record, deps.config, deps.now()) }
      : { key: 'deleted', message: deletedNotice(record) };
  await postInThreadOnce(deps, record, notice.key, notice.message, { broadcast: true });
  await showMilestone(deps, await refreshStatusMessage(deps, record));
  if (record.state === 'RUNNING') return;
  // A force delete sent through the bot speaks for itself; otherwise the offer is withdrawn.
  const noticeTs = record.slack.forceDeleteNoticeTs;
  if (noticeTs && !record.forceDeleteAt)
    await updateMessage(deps, { channel: record.slack.channel, ts: noticeTs }, forceDeleteNotNeeded(record));
}

/** A provisioning with no change for `stallAfterSeconds` is reported once per quiet spell (thread and card). */
async function reportStall(deps: Deps, record: ClusterRecord): Promise<void> {
  const lastChange = record.progress?.lastChangeAt;
  const now = deps.now();
  if (!lastChange || now.getTime() - Date.parse(lastChange) < deps.config.stallAfterSeconds * 1000) return;
  const message = stalledNotice(record, deps.config, now);
  // Re-read for the card: an abort or a delete may have landed during this poll's Slack calls.
  if (await postInThreadOnce(deps, record, `stalled:${lastChange}`, message)) await refreshCard(deps, record);
}

/** Whether the status message needs an update: something changed, or the elapsed time it shows did. */
function statusOutdated(before: ClusterRecord, after: ClusterRecord, changed: boolean, now: Date): boolean {
  if (changed || before.state !== after.state) return true;
  const polledAt = before.progress?.polledAt;
  return !polledAt || elapsedText(before, new Date(polledAt)) !== elapsedText(after, now);
}

/** Whether a poll chain follows the record: provisioning, deleting, or running with a resize under way. */
function followed(record: ClusterRecord): boolean {
  return (
    record.state === 'PROVISIONING' ||
    record.state === 'DELETING' ||
    (record.state === 'RUNNING' && record.scaling !== undefined)
  );
}

/** A record no poll follows (any more): announced when it runs or has ended, else left alone. */
async function unfollowed(deps: Deps, record: ClusterRecord): Promise<void> {
  if (record.state === 'RUNNING' || record.state === 'DELETED') await announceEnd(deps, record);
}

/**
 * Follows a provisioning, a deletion or a resize: reads the cluster, its overview and its events; posts new events
 * as short lines (one message per poll, in order); keeps the one status message up to date; applies what Palette
 * observed; announces running (once Healthy), a finished resize ("3/3 nodes ready") and deleted; reports a stall
 * once; then schedules the next poll. Overlapping polls are harmless: only the one that saves the progress posts.
 * Records the reconciler moved to RUNNING or DELETED (`by: 'palette'`) are announced the same way.
 */
export const poll: JobHandler<'poll'> = async ({ clusterId }, deps) => {
  const record = await deps.store.get(clusterId);
  if (!record) return;
  if (!followed(record)) return unfollowed(deps, record);
  if (!record.paletteUid) return;

  let reading: Reading;
  try {
    reading = await readPalette(deps, record, record.paletteUid);
  } catch (error) {
    // The watch outlives a bad spell at Palette: the next poll is the retry. Thrown, the job's own retries would
    // run out within seconds and the chain would stop until the reconciler noticed.
    if (!(error instanceof PaletteError)) throw error;
    deps.logger.warn('Palette could not be read for the poll: polling again at the next interval.', {
      clusterId,
      error,
    });
    return scheduleNextPoll(deps, clusterId);
  }
  const saved = await saveReading(deps, record, reading);
  if (!saved) return;
  if (saved.fresh.length > 0) await postInThread(deps, saved.record, eventLines(saved.fresh));
  const observed = await applyObservation(deps, saved.record, reading);
  const current = await finishScaleIfDone(deps, observed, saved.record.progress?.pools ?? []);
  if (!followed(current)) return unfollowed(deps, current);

  const now = deps.now();
  const shown = statusOutdated(record, current, saved.changed, now)
    ? await refreshStatusMessage(deps, current, { progress: current.state === record.state })
    : current;
  // A deletion or abort seen in Palette (not started here): the card and the request message say so too.
  if (shown.state !== record.state) await showMilestone(deps, shown);
  if (shown.state === 'PROVISIONING') await reportStall(deps, shown);
  await scheduleNextPoll(deps, clusterId);
};

/** Arranges the next poll one interval from now. */
async function scheduleNextPoll(deps: Deps, clusterId: string): Promise<void> {
  const next = new Date(deps.now().getTime() + deps.config.pollIntervalSeconds * 1000);
  await deps.scheduler.at(next, { kind: 'poll', clusterId }, 'poll');
}
