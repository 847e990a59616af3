import { describe, expect, it } from 'vitest';
import { runJob } from '../../src/jobs/worker';
import { BACKUP_FAILS_LABEL } from '../../src/local/palette/features/backups';
import { DAY2_NOW_ACTION, PATCH_NOW_ACTION } from '../../src/slack/blocks/day2';
import { scanNumbers } from '../../src/slack/blocks/scan-summary';
import { recordWhen, seedCluster, seedPatchedCluster, threadTexts } from '../support/day2';
import { teamPalette, useStack } from '../support/stack';
import { until } from '../support/wait';

const stack = useStack();
const slack = () => stack().slack!;
const users = () => slack().users;
const operations = () => stack().palette!.counters().byOperation;

/** `/maas TEXT` typed by `user`: the ephemeral answer's text. */
async function maas(user: string, text: string): Promise<string> {
  const result = await slack().command(user, '/maas', text);
  expect(result.status).toBe(200);
  expect((result.body as { response_type: string }).response_type).toBe('ephemeral');
  return (result.body as { text: string }).text;
}

/** Types `/maas TEXT` and clicks the answer's `actionId` button (Slack's confirm accepted): the last answer's text. */
async function confirmNowWith(actionId: string, user: string, text: string): Promise<string> {
  await maas(user, text);
  const offer = slack().ephemerals(user).at(-1)!;
  expect(JSON.stringify(offer.blocks)).toContain(actionId);
  await slack().click(user, { channel: offer.channel, ts: offer.ts }, actionId);
  const replaced = slack()
    .ephemerals(user)
    .find((message) => message.ts === offer.ts)!;
  return replaced.text === offer.text ? slack().ephemerals(user).at(-1)!.text : replaced.text;
}

const confirmNow = (user: string, text: string) => confirmNowWith(DAY2_NOW_ACTION, user, text);

/** Waits for a thread reply matching `pattern`. */
function threadSays(record: Parameters<typeof threadTexts>[1], pattern: RegExp): Promise<string> {
  return until(`a thread reply matching ${pattern}`, () =>
    threadTexts(stack(), record).find((text) => pattern.test(text)),
  );
}

describe('/maas backup NAME now', () => {
  it('asks for a confirm, backs up through Palette, and reports the completed backup in the thread once', async () => {
    const record = await seedCluster(stack(), { name: 'backup-now' });
    const before = operations().backupOnDemand ?? 0;
    const answer = await confirmNow(users().requester, `backup ${record.name} now`);
    expect(answer).toContain('backup of *backup-now* asked for');
    const done = await threadSays(record, /backup finished/);
    expect(done).toMatch(/`on-demand-\d{8}-\d{4}` completed \(all namespaces, kept until/);
    expect(threadTexts(stack(), record).filter((text) => /asked for a backup/.test(text))).toHaveLength(1);
    expect(operations().backupOnDemand).toBe(before + 1);
    const ended = await recordWhen(stack(), record.id, (current) => Boolean(current.day2?.backup?.last));
    expect(ended.day2?.backup).toEqual({ last: expect.objectContaining({ outcome: 'completed' }) });
    expect(ended.history.map((entry) => entry.event)).toEqual(
      expect.arrayContaining(['backup-requested', 'backup-finished']),
    );
    expect(ended.history.find((entry) => entry.event === 'backup-requested')?.by).toBe(users().requester);
    // Status shows the settings Palette holds and the last result.
    const status = JSON.stringify(
      (await slack().command(users().outsider, '/maas', `status ${record.name}`)).body,
    );
    expect(status).toContain('No backup policy');
    expect(status).toMatch(/last backup completed \d\d:\d\d UTC: `on-demand-\d{8}-\d{4}` completed/);
    // The listing shows it.
    expect(await maas(users().outsider, `backups ${record.name}`)).toMatch(
      /`on-demand-\d{8}-\d{4}` — Completed/,
    );
  });

  it("reports Palette's message for a backup that fails", async () => {
    const record = await seedCluster(stack(), { name: 'backup-fails', tags: [{ key: BACKUP_FAILS_LABEL }] });
    await confirmNow(users().requester, `backup ${record.name} now`);
    const failed = await threadSays(record, /backup failed/);
    expect(failed).toContain('AccessDenied');
  });

  it('a click delivered twice at once asks Palette once and reports the end once', async () => {
    const record = await seedCluster(stack(), { name: 'backup-twice' });
    const before = operations().backupOnDemand ?? 0;
    await maas(users().requester, `backup ${record.name} now`);
    const offer = slack().ephemerals(users().requester).at(-1)!;
    const place = { channel: offer.channel, ts: offer.ts };
    await Promise.all([
      slack().click(users().requester, place, DAY2_NOW_ACTION),
      slack().click(users().requester, place, DAY2_NOW_ACTION),
    ]);
    await threadSays(record, /backup finished/);
    await stack().idle();
    expect(operations().backupOnDemand).toBe(before + 1);
    expect(threadTexts(stack(), record).filter((text) => /backup finished/.test(text))).toHaveLength(1);
  });

  it('while one runs, a second `now` answers with the running one', async () => {
    const record = await seedCluster(stack(), { name: 'backup-busy' });
    const claimed = await stack().deps.store.apply(record, {
      event: 'backup-requested',
      by: users().requester,
      at: new Date().toISOString(),
      set: {
        day2: {
          backup: { running: { by: users().requester, since: new Date().toISOString(), name: 'held' } },
        },
      },
    });
    expect(claimed.day2?.backup?.running?.name).toBe('held');
    expect(await maas(users().admin, `backup ${record.name} now`)).toContain(
      '`held` of *backup-busy* is already running',
    );
  });

  it('refuses someone who is neither requester nor admin, a cluster not running, and a bad command', async () => {
    const running = await seedCluster(stack(), { name: 'backup-who' });
    expect(await maas(users().outsider, `backup ${running.name} now`)).toContain(
      'Only the requester or admins can back up "backup-who".',
    );
    const provisioning = await seedCluster(stack(), { name: 'backup-early', state: 'PROVISIONING' });
    expect(await maas(users().requester, `backup ${provisioning.name} now`)).toContain(
      'Wait until it is running.',
    );
    expect(await maas(users().requester, `backup ${running.name} later`)).toContain(
      '/maas backup NAME [now]',
    );
  });
});

describe('a lost follow-up', () => {
  it('is re-armed by the reconciler: a backup Palette accepted long ago is looked at and its end told once', async () => {
    const record = await seedCluster(stack(), { name: 'backup-lost' });
    const palette = teamPalette(stack());
    const { requestUid } = await palette.startBackup(
      record.paletteUid!,
      { locationName: 'lab-minio', namespaces: [], includeAllDisks: false, includeClusterResources: true },
      'lost-chain',
    );
    // As if the follow-up chain had died 20 minutes ago: the run is on the record, nothing is scheduled.
    const since = new Date(Date.now() - 20 * 60_000).toISOString();
    await stack().deps.store.apply(record, {
      event: 'backup-requested',
      by: users().requester,
      at: since,
      set: {
        day2: { backup: { running: { by: users().requester, since, name: 'lost-chain', requestUid } } },
      },
    });
    await until('the simulator finished the backup', async () => {
      const [backup] = (await palette.clusterBackups(record.paletteUid!, requestUid)).backups;
      return backup?.state === 'Completed' ? true : undefined;
    });
    await runJob({ kind: 'reconcile' }, stack().deps);
    await runJob({ kind: 'reconcile' }, stack().deps);
    await threadSays(record, /`lost-chain` completed/);
    await stack().idle();
    expect(threadTexts(stack(), record).filter((text) => /lost-chain/.test(text))).toHaveLength(1);
  });
});

describe('/maas scan NAME now', () => {
  it('runs a configuration scan and posts a summary whose numbers equal the simulator’s report', async () => {
    const record = await seedCluster(stack(), { name: 'scan-now' });
    await confirmNow(users().requester, `scan ${record.name} now`);
    const summary = await threadSays(record, /configuration scan \(kube-bench\) finished/);
    const palette = teamPalette(stack());
    const [run] = (await palette.scanRuns(record.paletteUid!)).filter(
      (candidate) => candidate.kind === 'configuration',
    );
    const { report } = await palette.scanReport(record.paletteUid!, 'configuration', run!.logUid);
    expect(summary).toContain(scanNumbers(report!));
    expect(summary).toMatch(/\d+ pass, [1-9]\d* fail/);
    const blocks = JSON.stringify(
      slack().messages(record.slack.channel, { threadTs: record.slack.threadTs! }).at(-1)?.blocks,
    );
    expect(blocks).toContain('1.2.16');
    expect(blocks).toContain('more failing checks');
  });

  it('runs a penetration scan and counts the findings by severity', async () => {
    const record = await seedCluster(stack(), { name: 'scan-hunt' });
    await confirmNow(users().admin, `scan ${record.name} now penetration`);
    const summary = await threadSays(record, /penetration scan \(kube-hunter\) finished/);
    expect(summary).toContain('5 vulnerabilities: 1 high, 3 medium, 1 low');
  });
});

describe('/maas patch NAME now', () => {
  it('sends the whole OS patch config back with onDemandPatchAfter (flags set elsewhere are kept), once', async () => {
    const record = await seedPatchedCluster(stack(), 'patch-now', {
      patchOnBoot: false,
      rebootIfRequired: true,
    });
    const palette = teamPalette(stack());
    const before = operations().osPatch ?? 0;
    const answer = await confirmNowWith(PATCH_NOW_ACTION, users().requester, `patch ${record.name} now`);
    expect(answer).toContain('OS patching of *patch-now* asked for');
    const after = await palette.osPatch(record.paletteUid!);
    expect(after).toMatchObject({ schedule: '0 3 * * SAT', patchOnBoot: false, rebootIfRequired: true });
    expect(Date.parse(after!.onDemandPatchAfter!)).toBeGreaterThan(Date.now());
    expect(threadTexts(stack(), record).at(-1)).toMatch(
      /asked for OS patching of the nodes at .*schedule `0 3 \* \* SAT` kept, reboot if required: yes/,
    );
    // A second one within ten minutes is answered with the first, and nothing more is sent.
    const again = await confirmNowWith(PATCH_NOW_ACTION, users().admin, `patch ${record.name} now`);
    expect(again).toContain('OS patching was asked for at');
    expect(operations().osPatch).toBe(before + 1);
    const saved = await stack().deps.store.get(record.id);
    expect(saved!.history.filter((entry) => entry.event === 'os-patch-requested')).toHaveLength(1);
  });

  it('refuses someone who is neither requester nor admin', async () => {
    const record = await seedCluster(stack(), { name: 'patch-who' });
    expect(await maas(users().outsider, `patch ${record.name} now`)).toContain(
      'Only the requester or admins can patch "patch-who".',
    );
  });
});
