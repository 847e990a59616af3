import { describe, expect, it } from 'vitest';
import { assembleSpec } from './assemble';
import type { WizardData } from './draft';

const placement = {
  resourcePool: { value: 'default', text: 'default' },
  cpu: '4',
  memory: '8192',
  disk: '60',
};

/** A draft as the wizard leaves it before the review. */
function draft(overrides: Partial<WizardData> = {}): WizardData {
  return {
    channel: 'C0REQUESTS',
    cluster: {
      name: 'team-a',
      profile: { value: 'prof-1', text: 'maas-k8s 1.0' },
      account: { value: 'acct-1', text: 'maas-lab' },
      domain: { value: 'maas.lab', text: 'maas.lab' },
    },
    controlPlane: { name: 'control-plane-pool', size: '3', labels: 'role=cp', ...placement },
    workers: [
      { key: 'p1', form: { name: 'workers', size: '2', rollingUpdate: 'expand-first', ...placement } },
    ],
    nextPoolKey: 2,
    packs: { profileUid: 'prof-1', names: ['kubernetes', 'cni'] },
    packValues: { cni: 'mtu=9000' },
    management: { scanConfiguration: '0 1 * * *' },
    ...overrides,
  };
}

describe('assembleSpec', () => {
  it('builds the whole spec from the forms', () => {
    const assembled = assembleSpec(draft());
    expect(assembled.ok).toBe(true);
    if (!assembled.ok) return;
    expect(assembled.spec).toMatchObject({
      name: 'team-a',
      profileUid: 'prof-1',
      cloudAccountName: 'maas-lab',
      controlPlane: { size: 3, labels: [{ key: 'role', value: 'cp' }], allowWorkerCapability: false },
      workerPools: [{ name: 'workers', size: 2, rollingUpdate: 'expand-first' }],
      packOverrides: [{ pack: 'cni', path: 'mtu', value: '9000' }],
      management: { scans: { configuration: '0 1 * * *' } },
    });
  });

  it('ignores overrides typed for another profile’s packs', () => {
    const assembled = assembleSpec(draft({ packs: { profileUid: 'prof-old', names: ['cni'] } }));
    expect(assembled.ok && assembled.spec.packOverrides).toEqual([]);
  });

  it('names the step, pool and field to go back to', () => {
    expect(assembleSpec(draft({ cluster: {} }))).toMatchObject({ ok: false, step: 'cluster' });
    expect(assembleSpec(draft({ controlPlane: { ...draft().controlPlane, size: '4' } }))).toMatchObject({
      ok: false,
      step: 'control-plane',
      problems: { size: expect.any(String) },
    });
    const clash = draft({
      workers: [{ key: 'p9', form: { ...draft().workers[0]!.form, name: 'control-plane-pool' } }],
    });
    expect(assembleSpec(clash)).toEqual({
      ok: false,
      step: 'workers',
      pool: 'p9',
      problems: { name: 'Pool name "control-plane-pool" is already used; pick another.' },
    });
    expect(assembleSpec(draft({ packValues: { kubernetes: 'nope' } }))).toMatchObject({
      ok: false,
      step: 'packs',
    });
    expect(assembleSpec(draft({ management: { backupPrefix: 'x' } }))).toMatchObject({
      ok: false,
      step: 'packs',
    });
  });
});
