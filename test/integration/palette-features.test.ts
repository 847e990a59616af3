import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSpec } from '../../src/domain/spec';
import { BACKUP_FAILS_LABEL } from '../../src/local/palette/features/backups';
import { FEATURE_PACE_SECONDS } from '../../src/local/palette/features/pace';
import { paletteSpecMissingReason } from '../../src/local/palette/openapi';
import { type PaletteSimulator, STALL_LABEL, startPaletteSimulator } from '../../src/local/palette/simulator';
import { buildCreateBody } from '../../src/palette/build';
import { createPaletteClient } from '../../src/palette/client';
import { PaletteError } from '../../src/palette/errors';
import type { BackupPolicy } from '../../src/palette/features/types';
import type { Palette, ProfilePack } from '../../src/palette/port';
import { validSpec } from '../support/fixtures';

/** Day-2 features through the bot's Palette client, against the simulator (its bodies checked against the spec). */

const specMissing = paletteSpecMissingReason();
if (specMissing) console.log(specMissing);

const POLICY: BackupPolicy = {
  locationName: 'lab-minio',
  prefix: 'nightly',
  schedule: '0 2 * * *',
  expiryHours: 72,
  namespaces: ['default', 'apps'],
  includeAllDisks: false,
  includeClusterResources: true,
};

async function failure(promise: Promise<unknown>): Promise<PaletteError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PaletteError);
  return error as PaletteError;
}

describe('Palette day-2 features (client ↔ simulator)', () => {
  let sim: PaletteSimulator;
  let palette: Palette & { close(): Promise<void> };
  let packs: ProfilePack[];
  let spec: ClusterSpec;
  /** The simulator's clock, moved by the tests: every state is reached by advancing it, never by waiting. */
  const clock = { t: Date.parse('2026-03-02T09:00:00.000Z') };
  const advance = (seconds: number) => {
    clock.t += seconds * 1000;
  };

  beforeAll(async () => {
    sim = await startPaletteSimulator({
      now: () => clock.t,
      rateLimits: false,
      validateWithSpec: !specMissing,
    });
    palette = createPaletteClient({
      apiUrl: sim.url,
      apiKey: sim.apiKey,
      retry: { minDelayMs: 2, maxDelayMs: 20 },
    });
    const [profile] = await palette.listMaasProfiles();
    const [account] = await palette.listMaasAccounts();
    packs = await palette.profilePacks(profile!.uid);
    const [domain] = await palette.accountDomains(account!.uid);
    spec = validSpec({ profileUid: profile!.uid, cloudAccountUid: account!.uid, domain: domain! });
  });

  afterAll(async () => {
    expect(sim.counters().rejectedBodies).toEqual([]);
    await palette?.close();
    await sim?.close();
  });

  async function runningCluster(name: string, tags: ClusterSpec['tags'] = []): Promise<string> {
    const { uid } = await palette.createCluster(buildCreateBody({ ...spec, name, tags }, packs));
    advance(600);
    expect((await palette.getCluster(uid))?.state).toBe('Running');
    return uid;
  }

  it('lists the backup locations', async () => {
    const locations = await palette.backupLocations();
    expect(locations.map((location) => location.name)).toEqual(['lab-minio', 'archive-s3']);
    expect(locations.find((location) => location.isDefault)?.name).toBe('lab-minio');
  });

  it('creates a backup policy (POST), refuses a second POST, updates it (PUT) and removes its schedule', async () => {
    const uid = await runningCluster('backup-policy');
    expect(await palette.clusterBackups(uid)).toEqual({ backups: [] });
    expect((await failure(palette.saveBackupPolicy(uid, POLICY, { exists: true }))).code).toBe(
      'BackupNotConfigured',
    );
    await palette.saveBackupPolicy(uid, POLICY, { exists: false });
    const { policy } = await palette.clusterBackups(uid);
    expect(policy).toMatchObject({ ...POLICY, locationUid: expect.any(String) });
    expect((await failure(palette.saveBackupPolicy(uid, POLICY, { exists: false }))).status).toBe(409);
    const { schedule: _removed, ...unscheduled } = POLICY;
    await palette.saveBackupPolicy(uid, { ...unscheduled, expiryHours: 24 }, { exists: true });
    const updated = (await palette.clusterBackups(uid)).policy;
    expect(updated?.schedule).toBeUndefined();
    expect(updated?.expiryHours).toBe(24);
  });

  it('refuses a bad cron, an unknown location and a cluster that is not running, with Palette messages', async () => {
    const uid = await runningCluster('backup-refusals');
    const cron = await failure(
      palette.saveBackupPolicy(uid, { ...POLICY, schedule: '0 25 * * *' }, { exists: false }),
    );
    expect(cron.status).toBe(400);
    expect(cron.message).toMatch(/not a hour/);
    const location = await failure(
      palette.saveBackupPolicy(uid, { ...POLICY, locationName: 'nowhere' }, { exists: false }),
    );
    expect(location.code).toBe('BackupLocationNotFound');
    const { uid: young } = await palette.createCluster(
      buildCreateBody({ ...spec, name: 'still-pending', tags: [{ key: STALL_LABEL }] }, packs),
    );
    const state = await failure(palette.startBackup(young, POLICY, 'too-early'));
    expect(state.code).toBe('ClusterNotRunning');
    expect(sim.counters().rejectedBodies.map((rejected) => rejected.problems.join())).toEqual([
      expect.stringMatching(/schedule/),
    ]);
    sim.resetCounters();
  });

  it('follows an on-demand backup InProgress → Completed, and one of a cluster tagged sim.backup-fails to Failed', async () => {
    const uid = await runningCluster('backup-now');
    const { requestUid } = await palette.startBackup(uid, POLICY, 'before-upgrade');
    const started = await palette.clusterBackups(uid, requestUid);
    expect(started.backups).toEqual([expect.objectContaining({ requestUid, name: 'before-upgrade' })]);
    expect(started.backups[0]?.state).toBe('InProgress');
    advance(FEATURE_PACE_SECONDS.backup);
    const [done] = (await palette.clusterBackups(uid, requestUid)).backups;
    expect(done?.state).toBe('Completed');
    expect(done).toMatchObject({ namespaces: ['default', 'apps'], onDemand: true });
    expect(Date.parse(done!.expiresAt!) - Date.parse(done!.at!)).toBe(72 * 3600 * 1000);

    const failing = await runningCluster('backup-fails', [{ key: BACKUP_FAILS_LABEL }]);
    const failed = await palette.startBackup(failing, POLICY, 'doomed');
    advance(FEATURE_PACE_SECONDS.backup);
    const [ended] = (await palette.clusterBackups(failing, failed.requestUid)).backups;
    expect(ended?.state).toBe('Failed');
    expect(ended?.message).toMatch(/AccessDenied/);
  });

  it('sets scan schedules (POST then PUT), runs a configuration scan and reads its report', async () => {
    const uid = await runningCluster('scan-now');
    expect(await palette.scanSchedules(uid)).toBeUndefined();
    await palette.saveScanSchedules(uid, { configuration: '0 3 * * SUN' }, { exists: false });
    await palette.saveScanSchedules(
      uid,
      { configuration: '0 3 * * SUN', conformance: '0 5 1 * *' },
      { exists: true },
    );
    expect(await palette.scanSchedules(uid)).toEqual({
      configuration: '0 3 * * SUN',
      conformance: '0 5 1 * *',
    });

    const { requestUid } = await palette.startScan(uid, ['configuration']);
    expect((await failure(palette.startScan(uid, ['configuration']))).code).toBe('ComplianceScanInProgress');
    expect((await palette.scanRuns(uid)).map((run) => run.state)).toEqual(['InProgress']);
    advance(FEATURE_PACE_SECONDS.kubeBench);
    const [run] = await palette.scanRuns(uid);
    expect(run).toMatchObject({ kind: 'configuration', state: 'Completed' });
    if (!run) return;
    expect(run.requestUid).toBe(requestUid);
    const { report } = await palette.scanReport(uid, 'configuration', run.logUid);
    expect(report?.kind).toBe('configuration');
    if (report?.kind !== 'configuration') return;
    const fails = report.targets.reduce((sum, target) => sum + target.fail, 0);
    const failingChecks = report.targets
      .flatMap((target) => target.checks)
      .filter((check) => check.state === 'FAIL');
    expect(fails).toBe(failingChecks.length);
    expect(fails).toBeGreaterThan(0);
  });

  it('replaces the OS patch config as a whole (PATCH) and reads it back from the cluster', async () => {
    const uid = await runningCluster('patch-me');
    expect(await palette.osPatch(uid)).toEqual({ patchOnBoot: false, rebootIfRequired: false });
    await palette.setOsPatch(uid, { schedule: '0 1 * * SAT', patchOnBoot: true, rebootIfRequired: true });
    expect(await palette.osPatch(uid)).toEqual({
      schedule: '0 1 * * SAT',
      patchOnBoot: true,
      rebootIfRequired: true,
    });
    const at = new Date(Date.now() + 60_000).toISOString();
    await palette.setOsPatch(uid, { patchOnBoot: true, rebootIfRequired: false, onDemandPatchAfter: at });
    expect(await palette.osPatch(uid)).toEqual({
      patchOnBoot: true,
      rebootIfRequired: false,
      onDemandPatchAfter: at,
    });
  });
});
