import { finishRun, runningOf } from '../../clusters/day2';
import type { Deps } from '../../deps';
import type { ClusterRecord } from '../../domain/cluster';
import { type Day2Feature, type Day2Result, isStalled, outcomeOf } from '../../domain/day2';
import { isTerminal } from '../../domain/lifecycle';
import type { ScanKind } from '../../palette/features/types';
import type { Palette } from '../../palette/port';
import { backupResultSummary, finishedMessage, stalledMessage } from '../../slack/blocks/day2';
import { scanDetailLines, scanNumbers } from '../../slack/blocks/scan-summary';
import { postInThread, postInThreadOnce } from '../../slack/thread';
import { scopeOfRecord } from '../../teams/scope';
import { scheduleFollow } from '../day2-follow-schedule';
import type { JobHandler } from '../handler';

/** What one look at a run found: still going (in Palette's words), or ended with its result and detail lines. */
type Look = { ended: false; state: string } | { ended: true; result: Day2Result; detail: string[] };

async function lookAtBackup(palette: Palette, uid: string, requestUid: string, now: Date): Promise<Look> {
  const [backup] = (await palette.clusterBackups(uid, requestUid)).backups;
  if (!backup) return { ended: false, state: 'not listed yet' };
  const outcome = outcomeOf(backup.state);
  if (outcome === 'running') return { ended: false, state: backup.state };
  return {
    ended: true,
    result: { outcome, at: now.toISOString(), summary: backupResultSummary(backup, now) },
    detail: [],
  };
}

async function lookAtScan(
  palette: Palette,
  uid: string,
  kind: ScanKind,
  requestUid: string,
  now: Date,
): Promise<Look> {
  const run = (await palette.scanRuns(uid)).find(
    (candidate) => candidate.kind === kind && candidate.requestUid === requestUid,
  );
  if (!run) return { ended: false, state: 'not listed yet' };
  const outcome = outcomeOf(run.state);
  if (outcome === 'running') return { ended: false, state: run.state };
  const at = now.toISOString();
  if (outcome === 'failed')
    return {
      ended: true,
      result: { outcome, at, summary: run.message ?? `Palette reports ${run.state}` },
      detail: [],
    };
  const { report } = await palette.scanReport(uid, kind, run.logUid);
  if (!report)
    return { ended: true, result: { outcome, at, summary: 'completed; Palette gave no report' }, detail: [] };
  return {
    ended: true,
    result: { outcome, at, summary: scanNumbers(report) },
    detail: scanDetailLines(report),
  };
}

/** Reads the run's state in Palette. */
function look(palette: Palette, record: ClusterRecord, feature: Day2Feature, requestUid: string, now: Date) {
  const uid = record.paletteUid!;
  return feature === 'backup'
    ? lookAtBackup(palette, uid, requestUid, now)
    : lookAtScan(palette, uid, feature, requestUid, now);
}

/**
 * One look at a followed backup or scan. Ended: ONE conditional write ends the run on the record (its result kept
 * for the status message and Home) and the thread hears it once — a duplicate follow-up finds it ended. Still
 * going (Palette's states are free text: anything not ended is going): past the feature's stall limit the thread
 * is told once, and the next look is armed, backing off to every five minutes.
 */
export const day2Follow: JobHandler<'day2-follow'> = async (job, deps: Deps) => {
  const record = await deps.store.get(job.clusterId);
  const run = record && runningOf(record, job.feature);
  // A cluster that ended takes its runs with it: nothing left to follow.
  if (!record?.paletteUid || !run?.requestUid || isTerminal(record.state)) return;
  const { palette } = scopeOfRecord(deps, record);
  const now = deps.now();
  const seen = await look(palette, record, job.feature, run.requestUid, now);
  if (seen.ended) {
    const ended = await finishRun(deps, record, job.feature, run.requestUid, seen.result);
    if (ended) await postInThread(deps, ended, finishedMessage(job.feature, seen.result, seen.detail));
    return;
  }
  if (isStalled(job.feature, run.since, now))
    await postInThreadOnce(
      deps,
      record,
      `${job.feature}-stalled:${run.requestUid}`,
      stalledMessage(job.feature, run, seen.state, now),
    );
  await scheduleFollow(deps, { ...job, attempt: job.attempt + 1 });
};
