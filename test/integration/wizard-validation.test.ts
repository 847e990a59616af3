import { beforeAll, describe, expect, it } from 'vitest';
import { approvalExpiresAt } from '../../src/domain/policy';
import { IMPLICIT_TEAM } from '../../src/domain/team';
import { WIZARD_ACTIONS } from '../../src/slack/wizard/ids';
import { validSpec } from '../support/fixtures';
import { useStack } from '../support/stack';
import { freshName, type SimCatalog, shownText, simCatalog, WizardDriver } from './wizard.support';

const stack = useStack();
let catalog: SimCatalog;
const driver = () => new WizardDriver(stack(), catalog, stack().slack!.users.requester);

beforeAll(async () => {
  catalog = await simCatalog(stack());
});

/** Submits and expects Slack's inline errors: the field's block shows `message`, and nothing else moved on. */
async function refused(
  wizard: WizardDriver,
  field: string,
  message: string,
  submit: () => ReturnType<WizardDriver['submit']>,
) {
  const step = wizard.meta().step;
  const result = await submit();
  expect(result.status).toBe(200);
  expect(result.outcome).toBe('errors');
  expect(result.errors?.[wizard.blockOf(field)]).toContain(message);
  expect(wizard.meta().step).toBe(step);
  return result;
}

describe('step 1 refuses', () => {
  it('a bad name, with the naming rule', async () => {
    const wizard = driver();
    await wizard.open();
    await refused(wizard, 'name', 'Use lowercase letters, digits and "-"', () =>
      wizard.cluster({ name: 'Team_A' }),
    );
  });

  it('a name held by a live request', async () => {
    const name = freshName('held');
    const requestedAt = stack().deps.now().toISOString();
    await stack().deps.store.create({
      team: IMPLICIT_TEAM,
      id: `held-${name}`,
      name,
      spec: validSpec({ name }),
      requester: stack().slack!.users.approver,
      requestedAt,
      expiresAt: approvalExpiresAt(requestedAt, stack().deps.config.policy),
      slack: { channel: stack().slack!.channels.requests },
    });
    const wizard = driver();
    await wizard.open();
    await refused(wizard, 'name', `"${name}" is already requested (waiting for approval)`, () =>
      wizard.cluster({ name }),
    );
  });

  it('a missing required field (a crafted payload Slack’s client would not send)', async () => {
    const wizard = driver();
    await wizard.open();
    await refused(wizard, 'profile', 'Choose a cluster profile.', () =>
      wizard.cluster({ profile: null }, { lenient: true }),
    );
  });

  it('a profile Palette never offered', async () => {
    const wizard = driver();
    await wizard.open();
    await refused(wizard, 'profile', 'Choose a cluster profile from the list.', () =>
      wizard.cluster({ profile: { value: 'no-such-profile', text: 'nope' } }),
    );
  });

  it('huge strings, without storing anything', async () => {
    const wizard = driver();
    await wizard.open();
    const name = freshName('huge');
    await refused(wizard, 'description', 'Use at most 1000 characters', () =>
      wizard.cluster({ name, description: 'x'.repeat(50_000) }, { lenient: true }),
    );
    expect(await stack().deps.store.findByName(name)).toBeUndefined();
  });

  it('a bad tag, with the tag it is about', async () => {
    const wizard = driver();
    await wizard.open();
    await refused(wizard, 'tags', 'Tag "bad tag"', () => wizard.cluster({ tags: 'ok:1, bad tag' }));
  });
});

describe('the pool steps refuse', () => {
  it('a control plane of 2 nodes (a crafted payload)', async () => {
    const wizard = driver();
    await wizard.open();
    await wizard.cluster();
    await refused(wizard, 'size', 'The control plane has 1, 3 or 5 nodes', () =>
      wizard.controlPlane({ size: '2' }, { lenient: true }),
    );
  });

  it('a taint with an unknown effect', async () => {
    const wizard = driver();
    await wizard.open();
    await wizard.cluster();
    await refused(wizard, 'taints', 'The effect is one of NoSchedule, PreferNoSchedule, NoExecute', () =>
      wizard.controlPlane({ taints: 'dedicated=gpu:NoEvict' }),
    );
  });

  it('a resource pool the cloud account does not have', async () => {
    const wizard = driver();
    await wizard.open();
    await wizard.cluster();
    await refused(wizard, 'resourcePool', 'Choose a resource pool from the list.', () =>
      wizard.controlPlane({ resourcePool: { value: 'nowhere', text: 'nowhere' } }),
    );
  });

  it('a duplicate pool name', async () => {
    const wizard = driver();
    await wizard.open();
    await wizard.cluster();
    await wizard.controlPlane();
    await wizard.click(WIZARD_ACTIONS.addPool, undefined, { name: 'apps', ...wizard.placement() });
    await refused(wizard, 'name', 'Pool name "apps" is already used', () => wizard.workers({ name: 'apps' }));
  });

  it('every bad tag at once, not only the first', async () => {
    const wizard = driver();
    await wizard.open();
    const result = await refused(wizard, 'tags', 'Tag "bad tag!!"', () =>
      wizard.cluster({ tags: 'bad tag!!, team:a, :x' }),
    );
    expect(result.errors?.[wizard.blockOf('tags')]).toContain('Tag ":x": A tag needs a key.');
  });

  it('a label under a prefix Kubernetes reserves, with the reason', async () => {
    const wizard = driver();
    await wizard.open();
    await wizard.cluster();
    await wizard.controlPlane();
    await refused(
      wizard,
      'labels',
      '"node-role.kubernetes.io/control-plane": the kubernetes.io and k8s.io prefixes are reserved for Kubernetes itself',
      () => wizard.workers({ labels: 'node-role.kubernetes.io/control-plane=x' }),
    );
  });

  it('a label key used in two pools', async () => {
    const wizard = driver();
    await wizard.open();
    await wizard.cluster();
    await wizard.controlPlane({ labels: 'role=control' });
    await refused(wizard, 'labels', 'Label key "role" is already used in pool "control-plane-pool"', () =>
      wizard.workers({ labels: 'role=app' }),
    );
  });

  it('a problem in a pool that is not on screen: that pool is shown, saying why', async () => {
    const wizard = driver();
    await wizard.open();
    await wizard.cluster();
    await wizard.controlPlane();
    const first = wizard.meta().pool!;
    await wizard.click(WIZARD_ACTIONS.addPool, undefined, { name: 'apps', disk: '10' });
    const result = await wizard.workers();
    expect(result.outcome).toBe('updated');
    expect(wizard.meta()).toMatchObject({ step: 'workers', pool: first });
    expect(shownText(wizard.front())).toContain('Worker pool \\"apps\\"');
    expect(shownText(wizard.front())).toContain('Disks need at least 20 GiB.');
  });

  it('a pack override that is not key.path=value, and a bad management schedule', async () => {
    const wizard = driver();
    await wizard.open();
    await wizard.cluster();
    await wizard.controlPlane();
    await wizard.workers();
    await refused(wizard, 'pack0', 'write each override as key.path=value', () =>
      wizard.submit({ pack0: 'just words' }),
    );
    await refused(wizard, 'backupSchedule', 'Backup schedule: use a five-field cron', () =>
      wizard.submit({
        pack0: '',
        backupLocation: 's3',
        backupPrefix: 'team',
        backupSchedule: 'daily',
        backupExpiry: '24',
      }),
    );
  });
});
