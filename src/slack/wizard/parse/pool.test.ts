import { describe, expect, it } from 'vitest';
import { parseControlPlaneForm, parseWorkerForm } from './pool';

const pool = {
  name: 'workers',
  size: '2',
  labels: 'role=app',
  taints: 'dedicated=app:NoSchedule',
  cpu: '8',
  memory: '16384',
  disk: '100',
  azs: [{ value: 'az1', text: 'az1' }],
  resourcePool: { value: 'default', text: 'default' },
  machineTags: [{ value: 'gpu', text: 'gpu' }],
};

describe('pool forms', () => {
  it('parse a worker pool', () => {
    expect(parseWorkerForm({ ...pool, rollingUpdate: 'contract-first' })).toEqual({
      ok: true,
      value: {
        name: 'workers',
        size: 2,
        rollingUpdate: 'contract-first',
        labels: [{ key: 'role', value: 'app' }],
        taints: [{ key: 'dedicated', value: 'app', effect: 'NoSchedule' }],
        instanceType: { minCPU: 8, minMemInMB: 16384 },
        azs: ['az1'],
        machineTags: ['gpu'],
        resourcePool: 'default',
        diskSizeGiB: 100,
      },
    });
  });

  it.each([
    ['size', { size: '2' }, 'The control plane has 1, 3 or 5 nodes'],
    ['size', { size: 'many' }, 'The control plane has 1, 3 or 5 nodes'],
    ['taints', { taints: 'a=b:Sometimes' }, 'The effect is one of'],
    ['cpu', { cpu: '' }, 'Give the minimum CPU count'],
    ['memory', { memory: '512' }, 'at least 1024 MiB'],
    ['labels', { labels: 'no equals' }, 'write it as key=value'],
  ])('refuse a bad control plane %s', (field, change, message) => {
    const parsed = parseControlPlaneForm({ ...pool, ...change });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems[field]).toContain(message);
  });

  it('read Allow worker capability from its checkbox, and refuse a worker pool without a rolling update', () => {
    expect(parseControlPlaneForm({ ...pool, size: '1', allowWorker: ['allow'] })).toMatchObject({
      ok: true,
      value: { allowWorkerCapability: true },
    });
    expect(parseWorkerForm(pool)).toEqual({
      ok: false,
      problems: { rollingUpdate: 'Choose expand first or contract first.' },
    });
  });
});
