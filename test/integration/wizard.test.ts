import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../src/jobs/job';
import { runJob } from '../../src/jobs/worker';
import { loadSpecValidators, paletteSpecMissingReason } from '../../src/local/palette/openapi';
import { buildCreateBody } from '../../src/palette/build';
import { readWizardDraft } from '../../src/slack/wizard/draft';
import { WIZARD_ACTIONS } from '../../src/slack/wizard/ids';
import { teamPalette, useStack } from '../support/stack';
import { freshName, type SimCatalog, shownText, simCatalog, WizardDriver } from './wizard.support';

const stack = useStack({ simulateMaas: true });
let catalog: SimCatalog;
const driver = (user = stack().slack!.users.requester) => new WizardDriver(stack(), catalog, user);

beforeAll(async () => {
  catalog = await simCatalog(stack());
});

/** The labels of the input blocks in front, in order. */
const labels = (wizard: WizardDriver) =>
  (wizard.front().view.blocks as unknown as { type: string; label?: { text: string } }[])
    .filter((block) => block.type === 'input')
    .map((block) => block.label!.text);

describe('opening the wizard', () => {
  it('opens step 1 with views.open, pre-fills the name and keeps the draft server-side', async () => {
    const wizard = driver();
    await wizard.open('create-cluster team-prefilled');
    const opened = wizard.slack.calls('views.open').at(-1)!;
    expect(opened.ok).toBe(true);
    expect(labels(wizard)).toEqual([
      'Name',
      'Description',
      'Tags',
      'Cluster profile',
      'Cloud account',
      'Domain',
    ]);
    expect(wizard.input('name')).toMatchObject({ element: { initial_value: 'team-prefilled' } });
    const draft = await readWizardDraft(stack().deps.store, wizard.meta().draftId);
    expect(draft).toMatchObject({
      userId: wizard.user,
      data: { channel: wizard.slack.channels.requests, cluster: { name: 'team-prefilled' } },
    });
    expect(wizard.front().view.private_metadata!.length).toBeLessThan(200);
  });

  it('says at once why a pre-filled name cannot be used', async () => {
    const wizard = driver();
    await wizard.open('create-cluster Team_A');
    expect(shownText(wizard.front())).toContain('cannot be a cluster name: Use lowercase letters');
  });

  it('deletes the draft when the person cancels', async () => {
    const wizard = driver();
    await wizard.open();
    const { draftId } = wizard.meta();
    await wizard.slack.dismiss(wizard.user, wizard.front().id);
    expect(await stack().deps.store.getDraft(draftId)).toBeUndefined();
  });
});

describe('going through the steps', () => {
  it('walks Cluster → Control plane → Worker pools → Pack values & management, and Back keeps what was typed', async () => {
    const wizard = driver();
    await wizard.open();
    const name = freshName('walk');
    expect((await wizard.cluster({ name })).outcome).toBe('updated');

    expect(wizard.meta().step).toBe('control-plane');
    expect(labels(wizard)).toEqual([
      'Name',
      'Size',
      'Allow worker capability',
      'Labels',
      'Taints',
      'Instance type: minimum CPUs',
      'Instance type: minimum memory (MiB)',
      'Availability zones',
      'Resource pool',
      'Disk size (GiB)',
      'MAAS machine tags',
    ]);
    const sizes = (wizard.input('size').element as { options: { value: string }[] }).options;
    expect(sizes.map((option) => option.value)).toEqual(['1', '3', '5']);
    const zone = catalog.zones[0]!;
    expect(
      (
        await wizard.controlPlane({
          size: '3',
          allowWorker: ['allow'],
          labels: 'tier=control',
          azs: [{ value: zone, text: zone }],
        })
      ).outcome,
    ).toBe('updated');

    expect(wizard.meta().step).toBe('workers');
    expect(labels(wizard)).toContain('Rolling update');
    const first = wizard.meta().pool!;
    await wizard.click(WIZARD_ACTIONS.addPool, undefined, {
      name: 'apps',
      labels: 'role=app',
      ...wizard.placement(),
    });
    const second = wizard.meta().pool!;
    expect(second).not.toBe(first);
    expect(wizard.input('name')).toMatchObject({ element: { initial_value: 'worker-pool' } });
    expect(shownText(wizard.front())).toContain('*apps*');
    await wizard.click(`${WIZARD_ACTIONS.editPoolPrefix}${first}`, undefined, {
      name: 'batch',
      size: '4',
      rollingUpdate: 'contract-first',
      ...wizard.placement(),
    });
    expect(wizard.meta().pool).toBe(first);
    expect(wizard.input('labels')).toMatchObject({ element: { initial_value: 'role=app' } });

    await wizard.click(WIZARD_ACTIONS.back);
    expect(wizard.meta().step).toBe('control-plane');
    expect(wizard.input('labels')).toMatchObject({ element: { initial_value: 'tier=control' } });
    expect(wizard.input('size')).toMatchObject({ element: { initial_option: { value: '3' } } });
    await wizard.click(WIZARD_ACTIONS.back);
    expect(wizard.meta().step).toBe('cluster');
    expect(wizard.input('name')).toMatchObject({ element: { initial_value: name } });
    expect((await wizard.submit()).outcome).toBe('updated');
    expect((await wizard.submit()).outcome).toBe('updated');

    expect(wizard.meta().step).toBe('workers');
    expect(shownText(wizard.front())).toContain('*batch*');
    expect((await wizard.submit()).outcome).toBe('updated');

    expect(wizard.meta().step).toBe('packs');
    const packs = await teamPalette(stack()).profilePacks(catalog.profile.uid);
    for (const pack of packs) expect(labels(wizard)).toContain(`Pack values: ${pack.name}`);
    expect(shownText(wizard.front())).toContain('podCIDR');
    expect(labels(wizard)).toEqual(expect.arrayContaining(['OS patching schedule', 'Backup schedule']));
  });

  it('fits ten worker pools in one view and offers no eleventh', async () => {
    const wizard = driver();
    await wizard.open();
    await wizard.cluster();
    await wizard.controlPlane();
    for (let pool = 1; pool < 10; pool++) {
      const reply = await wizard.click(WIZARD_ACTIONS.addPool, undefined, wizard.placement());
      expect(reply.status).toBe(200);
    }
    const blocks = wizard.front().view.blocks;
    expect(blocks.length).toBeLessThanOrEqual(100);
    expect(shownText(wizard.front())).toContain('Worker pool 10 of 10');
    expect(shownText(wizard.front())).not.toContain(WIZARD_ACTIONS.addPool);
    await wizard.click(WIZARD_ACTIONS.removePool, undefined);
    expect(shownText(wizard.front())).toContain('Worker pool 9 of 9');
    expect(shownText(wizard.front())).toContain(WIZARD_ACTIONS.addPool);
  });
});

describe('review and submission', () => {
  it("shows Palette's validation, the estimate and MAAS capacity, then stores the request and dispatches its review", async () => {
    const dispatch = vi.spyOn(stack().jobs, 'dispatch');
    const wizard = driver();
    const name = freshName('done');
    await wizard.open();
    await wizard.cluster({ name });
    await wizard.controlPlane({ size: '1' });
    await wizard.workers({ labels: 'role=app', taints: 'dedicated=app:NoSchedule' });
    const kubernetes = (await teamPalette(stack()).profilePacks(catalog.profile.uid)).findIndex(
      (pack) => pack.name === 'kubernetes',
    );
    const submitted = await wizard.submit({
      [`pack${kubernetes}`]: 'pack.podCIDR=10.10.0.0/16',
      osPatchSchedule: '0 2 * * SUN',
      osPatchOptions: ['patchOnBoot'],
    });
    expect(submitted.outcome).toBe('updated');
    expect(wizard.meta().step).toBe('review');
    expect(shownText(wizard.front())).toContain('Checking with Palette…');
    const { draftId } = wizard.meta();
    expect(dispatch).toHaveBeenCalledWith({ kind: 'review-draft', draftId, viewId: wizard.front().id });

    await wizard.slack.waitFor(() => shownText(wizard.front()).includes('dry run accepts'));
    const review = shownText(wizard.front());
    expect(review).toContain('a month');
    expect(review).toContain('*MAAS capacity*');
    expect(review).toContain('• kubernetes: `pack.podCIDR` = `10.10.0.0/16`');
    expect(review).toContain('OS patching');
    const findings = (await readWizardDraft(stack().deps.store, draftId))!.data.review!.findings!;
    expect(findings.validation.ok).toBe(true);
    // The Lease field: the team's standard choices up to its maximum, the default chosen to start with.
    expect(review).toContain('1 week (default)');
    expect(review).toContain('30 days');
    expect(review).not.toContain('No expiry');

    const done = await wizard.submit({ lease: { value: '259200' } });
    expect(done.outcome).toBe('updated');
    expect(shownText(wizard.front())).toContain('waits for approval');
    const record = (await stack().deps.store.findByName(name))!;
    expect(record).toMatchObject({
      state: 'PENDING_APPROVAL',
      requester: wizard.user,
      slack: { channel: wizard.slack.channels.requests },
      review: findings,
      lease: { requested: 259_200 },
    });
    expect(record.spec.packOverrides).toEqual([
      { pack: 'kubernetes', path: 'pack.podCIDR', value: '10.10.0.0/16' },
    ]);
    expect(record.spec.workerPools[0]!.taints).toEqual([
      { key: 'dedicated', value: 'app', effect: 'NoSchedule' },
    ]);
    expect(dispatch.mock.calls.map(([job]) => job)).toContainEqual({
      kind: 'review',
      clusterId: record.id,
    } satisfies Job);
    expect(await stack().deps.store.getDraft(draftId)).toBeUndefined();
    dispatch.mockRestore();
  });

  it('lists the overrides on the review and warns about keys the pack’s values.yaml does not have', async () => {
    const wizard = driver();
    const name = freshName('keys');
    await wizard.open();
    await wizard.cluster({ name });
    await wizard.controlPlane({ size: '1' });
    await wizard.workers();
    const kubernetes = (await teamPalette(stack()).profilePacks(catalog.profile.uid)).findIndex(
      (pack) => pack.name === 'kubernetes',
    );
    // The step names the pack's keys and shows a few lines, not the whole file.
    const step = shownText(wizard.front());
    expect(step).toContain('Keys: `pack`');
    expect(step).toMatch(/… \d+ more lines?```/);
    await wizard.submit({ [`pack${kubernetes}`]: 'pack.podCIDR=10.10.0.0/16\npack.nosuchkey=1' });
    await wizard.slack.waitFor(() => shownText(wizard.front()).includes('dry run accepts'));
    const review = shownText(wizard.front());
    expect(review).toContain('• kubernetes: `pack.podCIDR` = `10.10.0.0/16`');
    expect(review).toContain('• kubernetes: `pack.nosuchkey` = `1`');
    expect(review).toContain(
      ":warning: The pack's values.yaml has no such key, so Palette adds it as written (a typo?): `kubernetes: pack.nosuchkey`.",
    );
    expect(review).not.toContain('`kubernetes: pack.podCIDR`');
  });

  it('shows a pack’s whole values.yaml over the step, and Back returns to it', async () => {
    const wizard = driver();
    await wizard.open();
    await wizard.cluster();
    await wizard.controlPlane();
    await wizard.workers();
    const packs = await teamPalette(stack()).profilePacks(catalog.profile.uid);
    const step = wizard.front();
    await wizard.click(`${WIZARD_ACTIONS.showValuesPrefix}0`);
    await stack().idle();
    const pushed = wizard.slack.views(wizard.user).at(-1)!;
    expect(pushed.id).not.toBe(step.id);
    expect(pushed.previousViewId).toBe(step.id);
    const text = JSON.stringify(pushed.view.blocks);
    const lastLine = packs[0]!.values.trimEnd().split('\n').at(-1)!;
    expect(text).toContain(
      JSON.stringify(lastLine.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')).slice(
        1,
        -1,
      ),
    );
  });

  const specReason = paletteSpecMissingReason();
  if (specReason) console.log(specReason);
  it.skipIf(specReason !== undefined)(
    'stores a spec whose Palette body validates against the spec subset',
    async () => {
      const wizard = driver();
      const name = freshName('body');
      await wizard.toReview({ name });
      await wizard.submit();
      const record = (await stack().deps.store.findByName(name))!;
      const body = buildCreateBody(
        record.spec,
        await teamPalette(stack()).profilePacks(record.spec.profileUid),
      );
      expect(loadSpecValidators()!('v1SpectroMaasClusterEntity')(body)).toEqual([]);
    },
  );

  it("shows Palette's refusal from the dry run", async () => {
    // The one refusal must meet this review's dry run, not one still running for an earlier test's wizard.
    await stack().idle();
    stack().palette!.injectOnce('POST', '/v1/spectroclusters/maas/validate', {
      status: 400,
      body: { code: 'InvalidRequest', message: 'resource pool <default> is full' },
    });
    const wizard = driver();
    await wizard.toReview();
    await wizard.slack.waitFor(() => shownText(wizard.front()).includes('found problems'));
    expect(shownText(wizard.front())).toContain('resource pool &lt;default&gt; is full');
  });

  it('a late review never overwrites the step the person went back to', async () => {
    const wizard = driver();
    await wizard.toReview();
    const { draftId } = wizard.meta();
    const viewId = wizard.front().id;
    await stack().idle();
    await wizard.click(WIZARD_ACTIONS.back);
    expect(wizard.meta().step).toBe('packs');
    await runJob({ kind: 'review-draft', draftId, viewId }, stack().deps);
    expect(wizard.meta().step).toBe('packs');
    expect((await readWizardDraft(stack().deps.store, draftId))!.data.review).toBeUndefined();
  });

  it('sends the person back to step 1 when the name was taken before the final submit', async () => {
    const wizard = driver();
    const name = freshName('race');
    await wizard.toReview({ name });
    const other = driver(wizard.slack.users.approver);
    await other.toReview({ name });
    expect((await other.submit()).outcome).toBe('updated');
    expect((await wizard.submit()).outcome).toBe('updated');
    expect(wizard.meta().step).toBe('cluster');
    expect(shownText(wizard.front())).toContain(`The name \\"${name}\\" was just taken`);
    const record = await stack().deps.store.findByName(name);
    expect(record?.requester).toBe(wizard.slack.users.approver);
  });
});

describe('the cloud account picker', () => {
  it('re-renders step 1 so Domain belongs to the new account, keeping what was typed', async () => {
    const wizard = driver();
    await wizard.open('create-cluster team-keep');
    await wizard.pickAccount(catalog.account);
    expect((await wizard.suggest('domain')).options.map((option) => option.value)).toEqual(catalog.domains);
    await wizard.pickAccount(catalog.otherAccount);
    expect(wizard.input('domain')).not.toHaveProperty('element.initial_option');
    expect((await wizard.suggest('domain')).options.map((option) => option.value)).toEqual(
      catalog.otherDomains,
    );
    expect(wizard.input('name')).toMatchObject({ element: { initial_value: 'team-keep' } });
    const draft = await readWizardDraft(stack().deps.store, wizard.meta().draftId);
    expect(draft!.data.cluster.account).toEqual({
      value: catalog.otherAccount.uid,
      text: catalog.otherAccount.name,
    });
  });
});
