import type { InputBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { validSpec } from '../../../../test/support/fixtures';
import { MAX_WORKER_POOLS } from '../../../domain/spec';
import { checkView } from '../../../local/slack/blockkit';
import type { ProfilePack } from '../../../palette/port';
import type { WizardMeta } from '../../wizard/metadata';
import { requestSubmittedView, wizardGoneView } from './done';
import { MAX_PACKS_SHOWN, packsStepView, valuesExcerpt } from './packs';
import { reviewStepView } from './review';
import { clusterStepView, controlPlaneStepView } from './steps';
import { workersStepView } from './workers';

const meta = (step: WizardMeta['step']): WizardMeta => ({
  draftId: '01J00000000000000000000000',
  step,
  channel: 'C1',
});
const problems = (view: ModalView) => {
  const checked = checkView(view);
  return checked.ok ? [] : checked.problems;
};
const long = (n: number) => 'x'.repeat(n);

describe('wizard views stay within Block Kit’s limits', () => {
  it('step 1, even with a very long pre-filled name and notice', () => {
    const view = clusterStepView({
      meta: meta('cluster'),
      form: { name: long(500), account: { value: 'acct', text: long(75) } },
      notice: long(5000),
    });
    expect(problems(view)).toEqual([]);
    expect(JSON.stringify(view)).toContain('"block_id":"cluster.domain.acct"');
  });

  it('step 1: Domain asks to choose an account first, then names the account it lists domains of', () => {
    const placeholderOfDomain = (view: ModalView) =>
      view.blocks
        .filter((block): block is InputBlock => block.type === 'input')
        .find((block) => block.block_id?.startsWith('cluster.domain'))?.element;
    const before = clusterStepView({ meta: meta('cluster'), form: {} });
    expect(placeholderOfDomain(before)).toMatchObject({
      placeholder: { text: 'Choose a cloud account first' },
    });
    const after = clusterStepView({
      meta: meta('cluster'),
      form: { account: { value: 'acct', text: 'maas-dc1' } },
    });
    expect(placeholderOfDomain(after)).toMatchObject({
      placeholder: { text: 'Choose a domain of maas-dc1' },
    });
  });

  it('the control plane with odd values in the draft', () => {
    const view = controlPlaneStepView({
      meta: meta('control-plane'),
      form: { size: '2', cpu: 'many', disk: '1' },
    });
    expect(problems(view)).toEqual([]);
  });

  it('ten worker pools with long names', () => {
    const workers = Array.from({ length: MAX_WORKER_POOLS }, (_, n) => ({
      key: `p${n + 1}`,
      form: { name: long(63), labels: long(3000), resourcePool: { value: 'default', text: 'default' } },
    }));
    const view = workersStepView({ meta: { ...meta('workers'), pool: 'p10' }, workers });
    expect(problems(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThan(40);
    expect(JSON.stringify(view)).not.toContain('Add worker pool');
  });

  it('the pack-values step with many packs and huge values.yaml files', () => {
    const packs: ProfilePack[] = Array.from({ length: MAX_PACKS_SHOWN + 5 }, (_, n) => ({
      name: `pack-${n}`,
      tag: '1.0.0',
      layer: 'addon',
      values: Array.from({ length: 800 }, (_, line) => `key${line}: <value & more>`).join('\n'),
    }));
    const view = packsStepView({
      meta: meta('packs'),
      packs,
      overrides: { 'pack-0': long(3000) },
      management: {},
    });
    expect(problems(view)).toEqual([]);
    expect(JSON.stringify(view)).toContain('5 more packs keep the profile');
    expect(
      packsStepView({ meta: meta('packs'), packs: undefined, overrides: {}, management: {} }).blocks.length,
    ).toBeGreaterThan(5);
  });

  it('the review, pending and with many findings', () => {
    const base = validSpec();
    const spec = {
      ...base,
      description: long(1000),
      workerPools: Array.from({ length: MAX_WORKER_POOLS }, (_, n) => ({
        ...base.workerPools[0]!,
        name: `pool-${n}`,
        labels: Array.from({ length: 50 }, (_, l) => ({ key: `key-${n}-${l}`, value: long(63) })),
      })),
    };
    const common = { meta: meta('review'), spec, maasConfigured: true, externalId: 'wz.review.x.y' };
    expect(problems(reviewStepView({ ...common, check: { kind: 'pending' } }))).toEqual([]);
    const findings = {
      validation: { ok: false, messages: Array.from({ length: 40 }, () => long(400)) },
      estimate: { total: 1234.5, currency: 'USD', perPool: [{ name: 'pool-0', total: 100 }] },
      capacity: { ok: false, lines: Array.from({ length: 40 }, () => long(200)) },
    };
    const done = reviewStepView({ ...common, check: { kind: 'done', findings } });
    expect(problems(done)).toEqual([]);
    expect(JSON.stringify(done)).toContain('$1,234.50 a month');
  });

  it('the closing views', () => {
    expect(problems(requestSubmittedView(long(300), 'C1'))).toEqual([]);
    expect(problems(wizardGoneView())).toEqual([]);
    expect(JSON.stringify(requestSubmittedView('a', 'D123'))).toContain('our DM');
  });
});

describe('valuesExcerpt', () => {
  it('escapes what Slack would read as markup, and cannot be closed early', () => {
    expect(valuesExcerpt('a: <b> & ```c```')).toBe("```a: &lt;b&gt; &amp; '''c'''```");
  });

  it('shows the first lines of a long file and counts the rest', () => {
    const values = Array.from({ length: 400 }, (_, line) => `key${line}: ${line}`).join('\n');
    const excerpt = valuesExcerpt(values);
    expect(excerpt.length).toBeLessThan(2800);
    expect(excerpt).toMatch(/… \d+ more lines```$/);
    expect(excerpt.startsWith('```key0: 0\n')).toBe(true);
  });
});
