import { describe, expect, it } from 'vitest';
import { OS_PATCH_CALLBACK, PATCH_FIELDS, REBOOT_IF_REQUIRED } from '../../src/slack/blocks/os-patch';
import { SCAN_FIELDS, SCAN_SCHEDULES_CALLBACK } from '../../src/slack/blocks/scan-schedules';
import { seedCluster, seedPatchedCluster, simulatorReaches, threadTexts } from '../support/day2';
import { teamPalette, useStack } from '../support/stack';

const stack = useStack();
const slack = () => stack().slack!;
const users = () => slack().users;
const operations = () => stack().palette!.counters().byOperation;

/** Types `/maas TEXT` as `user`, expecting a modal with `callbackId`: its view id. */
async function openForm(user: string, text: string, callbackId: string): Promise<string> {
  const result = await slack().command(user, '/maas', text);
  expect(result.status).toBe(200);
  const modal = slack().views(user).at(-1)!;
  expect(modal.view).toMatchObject({ callback_id: callbackId });
  return modal.id;
}

/** `/maas TEXT` typed by `user`: the ephemeral answer's text. */
async function answerTo(user: string, text: string): Promise<string> {
  const result = await slack().command(user, '/maas', text);
  expect(result.status).toBe(200);
  return (result.body as { text: string }).text;
}

/** The history entries of `event` of the cluster. */
async function historyOf(id: string, event: string) {
  const saved = await stack().deps.store.get(id);
  return saved!.history.filter((entry) => entry.event === event);
}

describe('/maas scan NAME: the scan schedules form', () => {
  it('POSTs the first schedules, PUTs the next (an emptied field unschedules it), and records before → after', async () => {
    const record = await seedCluster(stack(), { name: 'scan-form' });
    const palette = teamPalette(stack());
    const [posts, puts] = [operations().scanCreate ?? 0, operations().scanUpdate ?? 0];
    let viewId = await openForm(users().requester, `scan ${record.name}`, SCAN_SCHEDULES_CALLBACK);
    const first = await slack().submit(users().requester, viewId, {
      [SCAN_FIELDS.configuration]: '0 2 * * SUN',
      [SCAN_FIELDS.penetration]: '30 3 1 * *',
    });
    expect(first.outcome).not.toBe('errors');
    expect(operations().scanCreate).toBe(posts + 1);
    expect(await palette.scanSchedules(record.paletteUid!)).toEqual({
      configuration: '0 2 * * SUN',
      penetration: '30 3 1 * *',
    });

    viewId = await openForm(users().admin, `scan ${record.name}`, SCAN_SCHEDULES_CALLBACK);
    // The form opens with the schedules Palette holds.
    const shown = JSON.stringify(slack().views(users().admin).at(-1)!.view);
    expect(shown).toContain('0 2 * * SUN');
    expect(shown).toContain('30 3 1 * *');
    await slack().submit(users().admin, viewId, {
      [SCAN_FIELDS.penetration]: '',
      [SCAN_FIELDS.conformance]: '0 4 * * 6',
    });
    expect(operations().scanUpdate).toBe(puts + 1);
    expect(operations().scanCreate).toBe(posts + 1);
    expect(await palette.scanSchedules(record.paletteUid!)).toEqual({
      configuration: '0 2 * * SUN',
      conformance: '0 4 * * 6',
    });

    const changes = await historyOf(record.id, 'scan-policy-changed');
    expect(changes.map((entry) => entry.by)).toEqual([users().requester, users().admin]);
    expect(changes[0]!.detail).toBe(
      'none → configuration `0 2 * * SUN`, penetration `30 3 1 * *`, conformance no schedule',
    );
    expect(changes[1]!.detail).toBe(
      'configuration `0 2 * * SUN`, penetration `30 3 1 * *`, conformance no schedule → ' +
        'configuration `0 2 * * SUN`, penetration no schedule, conformance `0 4 * * 6`',
    );
    expect(
      threadTexts(stack(), record).filter((text) => text.includes('changed the scan schedules')),
    ).toHaveLength(2);
  });

  it('answers a bad cron with an error keyed by its block id and sends nothing', async () => {
    const record = await seedCluster(stack(), { name: 'scan-bad' });
    const before = operations().scanCreate ?? 0;
    const viewId = await openForm(users().requester, `scan ${record.name}`, SCAN_SCHEDULES_CALLBACK);
    const answer = await slack().submit(users().requester, viewId, {
      [SCAN_FIELDS.configuration]: '0 2 * *',
      [SCAN_FIELDS.conformance]: '61 * * * *',
    });
    expect(answer.outcome).toBe('errors');
    expect(Object.keys(answer.errors!).sort()).toEqual([SCAN_FIELDS.configuration, SCAN_FIELDS.conformance]);
    expect(answer.errors![SCAN_FIELDS.configuration]).toContain('use five fields');
    expect(answer.errors![SCAN_FIELDS.conformance]).toContain('not a minute');
    expect(operations().scanCreate ?? 0).toBe(before);
    expect(await historyOf(record.id, 'scan-policy-changed')).toHaveLength(0);
  });

  it('refuses the form by role and by state', async () => {
    const running = await seedCluster(stack(), { name: 'scan-who' });
    expect(await answerTo(users().outsider, `scan ${running.name}`)).toContain(
      'Only the requester or admins can scan "scan-who".',
    );
    const provisioning = await seedCluster(stack(), { name: 'scan-early', state: 'PROVISIONING' });
    expect(await answerTo(users().requester, `scan ${provisioning.name}`)).toContain(
      '"scan-early" is provisioning, so you cannot scan it.',
    );
    expect(slack().views(users().outsider)).toHaveLength(0);
  });

  it('shows Palette’s refusal on the form (the cluster is deleting in Palette) and records nothing', async () => {
    // Sticky: its deletion stays in Deleting however slow the machine, until the form is submitted.
    const record = await seedCluster(stack(), { name: 'scan-refused', sticky: true });
    const palette = teamPalette(stack());
    const viewId = await openForm(users().requester, `scan ${record.name}`, SCAN_SCHEDULES_CALLBACK);
    await palette.deleteCluster(record.paletteUid!, { force: false });
    await simulatorReaches(stack(), record.paletteUid!, 'Deleting');
    const answer = await slack().submit(users().requester, viewId, {
      [SCAN_FIELDS.penetration]: '0 1 * * *',
    });
    expect(answer.outcome).toBe('errors');
    expect(answer.errors![SCAN_FIELDS.configuration]).toMatch(/^Palette refused it: .*Deleting/);
    expect(await historyOf(record.id, 'scan-policy-changed')).toHaveLength(0);
  });

  it('refuses at submit when the cluster left Running after the form opened', async () => {
    const record = await seedCluster(stack(), { name: 'scan-late' });
    const viewId = await openForm(users().requester, `scan ${record.name}`, SCAN_SCHEDULES_CALLBACK);
    await stack().deps.store.apply(record, {
      event: 'delete-started',
      by: users().requester,
      at: stack().deps.now().toISOString(),
    });
    const before = operations().scanCreate ?? 0;
    const answer = await slack().submit(users().requester, viewId, {
      [SCAN_FIELDS.configuration]: '0 2 * * *',
    });
    expect(answer.outcome).toBe('errors');
    expect(answer.errors![SCAN_FIELDS.configuration]).toContain('"scan-late" is already being deleted.');
    expect(operations().scanCreate ?? 0).toBe(before);
  });
});

describe('/maas patch NAME: the OS patching form', () => {
  it('opens with Palette’s config and PATCHes the merged whole: the on-demand time set outside is kept', async () => {
    const record = await seedCluster(stack(), { name: 'patch-form' });
    const palette = teamPalette(stack());
    const onDemandPatchAfter = '2030-01-01T00:00:00.000Z';
    await palette.setOsPatch(record.paletteUid!, {
      schedule: '0 3 * * SAT',
      patchOnBoot: true,
      rebootIfRequired: false,
      onDemandPatchAfter,
    });
    const before = operations().osPatch ?? 0;
    const viewId = await openForm(users().requester, `patch ${record.name}`, OS_PATCH_CALLBACK);
    const shown = JSON.stringify(slack().views(users().requester).at(-1)!.view);
    expect(shown).toContain('0 3 * * SAT');
    expect(shown).toContain('"initial_options":[{"text":{"type":"plain_text","text":"Patch on boot"}');

    const answer = await slack().submit(users().requester, viewId, {
      [PATCH_FIELDS.schedule]: '15 1 * * *',
      [PATCH_FIELDS.options]: [REBOOT_IF_REQUIRED],
    });
    expect(answer.outcome).not.toBe('errors');
    expect(operations().osPatch).toBe(before + 1);
    expect(await palette.osPatch(record.paletteUid!)).toEqual({
      schedule: '15 1 * * *',
      patchOnBoot: false,
      rebootIfRequired: true,
      onDemandPatchAfter,
    });
    const [change] = await historyOf(record.id, 'os-patch-changed');
    expect(change!.by).toBe(users().requester);
    expect(change!.detail).toBe('`0 3 * * SAT`, patch on boot → `15 1 * * *`, reboot if required');
    expect(threadTexts(stack(), record).at(-1)).toContain(
      'changed OS patching: `0 3 * * SAT`, patch on boot → `15 1 * * *`, reboot if required',
    );
  });

  it('removes the schedule when it is emptied, and answers a bad cron on its field', async () => {
    const record = await seedPatchedCluster(stack(), 'patch-empty', {
      patchOnBoot: false,
      rebootIfRequired: true,
    });
    const palette = teamPalette(stack());
    const before = operations().osPatch ?? 0;
    let viewId = await openForm(users().admin, `patch ${record.name}`, OS_PATCH_CALLBACK);
    const bad = await slack().submit(users().admin, viewId, { [PATCH_FIELDS.schedule]: '0 3 * * FUNDAY' });
    expect(bad.outcome).toBe('errors');
    expect(bad.errors![PATCH_FIELDS.schedule]).toContain('FUNDAY');
    expect(operations().osPatch ?? 0).toBe(before);

    viewId = await openForm(users().admin, `patch ${record.name}`, OS_PATCH_CALLBACK);
    await slack().submit(users().admin, viewId, { [PATCH_FIELDS.schedule]: '' });
    expect(await palette.osPatch(record.paletteUid!)).toEqual({ patchOnBoot: false, rebootIfRequired: true });
    expect((await historyOf(record.id, 'os-patch-changed'))[0]!.detail).toBe(
      '`0 3 * * SAT`, reboot if required → no schedule, reboot if required',
    );
  });

  it('refuses the form by role and by state', async () => {
    const running = await seedCluster(stack(), { name: 'patch-form-who' });
    expect(await answerTo(users().outsider, `patch ${running.name}`)).toContain(
      'Only the requester or admins can patch "patch-form-who".',
    );
    const provisioning = await seedCluster(stack(), { name: 'patch-early', state: 'PROVISIONING' });
    expect(await answerTo(users().requester, `patch ${provisioning.name}`)).toContain(
      '"patch-early" is provisioning, so you cannot patch it.',
    );
    expect(slack().views(users().outsider)).toHaveLength(0);
  });
});
