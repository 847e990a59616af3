import { finishRun, noteRequestUid, runningOf } from '../../clusters/day2';
import type { Deps } from '../../deps';
import type { ClusterRecord } from '../../domain/cluster';
import type { Day2Feature, Day2Run } from '../../domain/day2';
import { isRefusal, PaletteError } from '../../palette/errors';
import type { BackupPolicy, ScanKind } from '../../palette/features/types';
import type { Palette } from '../../palette/port';
import { finishedMessage, requestedMessage } from '../../slack/blocks/day2';
import { postInThread, postInThreadOnce } from '../../slack/thread';
import { scopeOfRecord } from '../../teams/scope';
import { scheduleFollow } from '../day2-follow-schedule';
import type { JobHandler } from '../handler';

/** Velero's own default time-to-live, for a backup of a cluster that has no backup policy. */
const DEFAULT_EXPIRY_HOURS = 720;

/** The settings of an on-demand backup: the cluster's policy, or the tenant's default location and everything. */
async function backupSettings(palette: Palette, uid: string): Promise<BackupPolicy> {
  const { policy } = await palette.clusterBackups(uid);
  if (policy) return policy;
  const locations = await palette.backupLocations();
  const location = locations.find((candidate) => candidate.isDefault) ?? locations[0];
  if (!location)
    throw new PaletteError({
      status: 404,
      code: 'NoBackupLocation',
      message: 'Palette has no backup location: add one in Palette first',
      method: 'GET',
      path: '/v1/users/assets/locations',
    });
  return {
    locationUid: location.uid,
    locationName: location.name,
    expiryHours: DEFAULT_EXPIRY_HOURS,
    namespaces: [],
    includeAllDisks: false,
    includeClusterResources: true,
  };
}

/**
 * Asks Palette for the run, or finds the one an earlier try of this job got accepted (a backup by its unique
 * name, a scan as the running one of its kind): Palette's request uid.
 */
async function requestRun(
  palette: Palette,
  uid: string,
  feature: Day2Feature,
  run: Day2Run,
): Promise<string> {
  try {
    if (feature === 'backup')
      return (await palette.startBackup(uid, await backupSettings(palette, uid), run.name!)).requestUid;
    return (await palette.startScan(uid, [feature as ScanKind])).requestUid;
  } catch (error) {
    if (!(error instanceof PaletteError) || error.status !== 409) throw error;
    const adopted =
      feature === 'backup'
        ? (await palette.clusterBackups(uid)).backups.find((backup) => backup.name === run.name)?.requestUid
        : (await palette.scanRuns(uid)).find((scan) => scan.kind === feature && scan.state !== 'Completed')
            ?.requestUid;
    if (!adopted) throw error;
    return adopted;
  }
}

/** Palette refused: the run ends as failed with Palette's message, told in the thread once. */
async function refused(deps: Deps, record: ClusterRecord, feature: Day2Feature, message: string) {
  const result = {
    outcome: 'failed' as const,
    at: deps.now().toISOString(),
    summary: `Palette refused it: ${message}`,
  };
  const ended = await finishRun(deps, record, feature, undefined, result);
  if (ended) await postInThread(deps, ended, finishedMessage(feature, result));
}

/**
 * Sends the claimed on-demand backup or scan to Palette, records Palette's request uid on the run, tells the
 * thread (once) and arms the first follow-up. A duplicate finds the uid recorded and stops; a retry after Palette
 * accepted adopts that request instead of asking for a second.
 */
export const day2Start: JobHandler<'day2-start'> = async (job, deps) => {
  const record = await deps.store.get(job.clusterId);
  const run = record && runningOf(record, job.feature);
  if (!record || !run || run.requestUid || !record.paletteUid) return;
  const { palette } = scopeOfRecord(deps, record);
  let requestUid: string;
  try {
    requestUid = await requestRun(palette, record.paletteUid, job.feature, run);
  } catch (error) {
    if (isRefusal(error) || (error instanceof PaletteError && error.status === 404))
      return refused(deps, record, job.feature, error.message);
    throw error;
  }
  const saved = await noteRequestUid(deps, record, job.feature, requestUid);
  if (!saved) return;
  await postInThreadOnce(
    deps,
    saved,
    `${job.feature}-requested:${requestUid}`,
    requestedMessage(job.feature, run, deps.now()),
  );
  await scheduleFollow(deps, { kind: 'day2-follow', clusterId: record.id, feature: job.feature, attempt: 0 });
};
