import { describe, expect, it } from 'vitest';
import { MAX_WORKER_POOLS } from '../../domain/spec';
import { newWizardData, type WizardData } from './draft';
import type { Form } from './fields';
import {
  addWorkerPool,
  canAddPool,
  parseWorkerPools,
  poolToEdit,
  removeWorkerPool,
  withPoolForm,
} from './workers';

const valid = (name: string, labels = ''): Form => ({
  name,
  size: '1',
  rollingUpdate: 'expand-first',
  labels,
  cpu: '4',
  memory: '8192',
  disk: '60',
  resourcePool: { value: 'default', text: 'default' },
});

function withPools(...forms: Form[]): WizardData {
  let data = newWizardData('C1');
  for (const form of forms) {
    const added = addWorkerPool(data);
    data = withPoolForm(added.data, added.key, form);
  }
  return data;
}

describe('worker pools of a draft', () => {
  it('adds pools with fresh keys and names that do not clash', () => {
    let data = newWizardData('C1');
    const first = addWorkerPool(data);
    const second = addWorkerPool(first.data);
    data = second.data;
    expect([first.key, second.key]).toEqual(['p1', 'p2']);
    expect(data.workers.map((pool) => pool.form.name)).toEqual(['worker-pool', 'worker-pool-2']);
  });

  it('never drops to zero pools and never reuses a key', () => {
    const data = withPools(valid('a'));
    const removed = removeWorkerPool(data, 'p1');
    expect(removed.data.workers.map((pool) => pool.key)).toEqual(['p2']);
    expect(removed.key).toBe('p2');
    expect(poolToEdit(withPools(valid('a'), valid('b')), 'nope').key).toBe('p1');
  });

  it('stops at ten', () => {
    const data = withPools(...Array.from({ length: MAX_WORKER_POOLS }, (_, n) => valid(`pool-${n}`)));
    expect(canAddPool(data)).toBe(false);
    expect(canAddPool(withPools(valid('a')))).toBe(true);
  });

  it('keeps a pool typed for a key the draft lost', () => {
    expect(withPoolForm(newWizardData('C1'), 'p7', valid('late')).workers).toEqual([
      { key: 'p7', form: valid('late') },
    ]);
  });
});

describe('parseWorkerPools', () => {
  it('parses every pool', () => {
    const parsed = parseWorkerPools(withPools(valid('a'), valid('b')));
    expect(parsed.ok && parsed.pools.map((pool) => pool.name)).toEqual(['a', 'b']);
  });

  it('finds a duplicate name and a label key used twice, on the later pool', () => {
    expect(parseWorkerPools(withPools(valid('a'), valid('a')))).toEqual({
      ok: false,
      key: 'p2',
      problems: { name: 'Pool name "a" is already used; pick another.' },
    });
    expect(parseWorkerPools(withPools(valid('a', 'role=x'), valid('b', 'role=y')))).toMatchObject({
      ok: false,
      key: 'p2',
      problems: { labels: expect.stringContaining('already used in pool "a"') },
    });
  });

  it('reports the preferred pool first', () => {
    const data = withPools({ ...valid('a'), disk: '1' }, { ...valid('b'), cpu: '0' });
    expect(parseWorkerPools(data)).toMatchObject({ key: 'p1' });
    expect(parseWorkerPools(data, 'p2')).toMatchObject({
      key: 'p2',
      problems: { cpu: 'Machines need at least 1 CPU.' },
    });
  });
});
