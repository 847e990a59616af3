import { describe, expect, it } from 'vitest';
import { validSpec } from '../../../test/support/fixtures';
import { consoleLink, findingsLines, mentions, poolLine } from './cluster-facts';

describe('consoleLink', () => {
  it("uses the project's cluster overview path when a project is set", () => {
    const config = { palette: { consoleUrl: 'https://console.example', apiUrl: '', apiKey: '' } };
    expect(consoleLink(config, 'c 1', 'p1')).toBe(
      'https://console.example/projects/p1/clusters/c%201/overview',
    );
  });

  it("uses the tenant admin's path without a project", () => {
    const config = { palette: { consoleUrl: 'https://console.example', apiUrl: '', apiKey: '' } };
    expect(consoleLink(config, 'c1', undefined)).toBe('https://console.example/admin/clusters/c1/overview');
  });
});

describe('poolLine', () => {
  it('says size, machine, zones, resource pool, rolling update, labels and taints', () => {
    const pool = {
      ...validSpec().workerPools[0]!,
      size: 1,
      instanceType: { minCPU: 8, minMemInMB: 1536 },
      taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const }],
      machineTags: ['gpu'],
    };
    expect(poolLine(pool)).toBe(
      '*worker-pool* · 1 node · ≥ 8 CPU, 1.5 GiB RAM, 100 GiB disk · zones az1, az2 · resource pool default · expand first · labels role=app · taints dedicated=gpu:NoSchedule · MAAS tags gpu',
    );
  });

  it('marks the control plane and whether it runs workloads', () => {
    const pool = { ...validSpec().controlPlane, allowWorkerCapability: true, azs: [] };
    expect(poolLine(pool)).toContain('*control-plane-pool* (control plane) · 3 nodes');
    expect(poolLine(pool)).toContain('any zone');
    expect(poolLine(pool)).toContain('runs workloads too');
  });
});

describe('findingsLines', () => {
  it("lists Palette's problems escaped, the estimate and MAAS capacity", () => {
    const lines = findingsLines({
      validation: { ok: false, messages: ['zone <az9> is unknown'] },
      estimate: { total: 1234.5, currency: 'USD', perPool: [{ name: 'cp', total: 1000 }] },
      capacity: { ok: true, lines: ['cp: 3 of 3 machines'] },
    });
    expect(lines).toEqual([
      ':warning: Palette found problems:',
      '• zone &lt;az9&gt; is unknown',
      ':moneybag: About $1,234.50 a month (cp $1,000.00).',
      ':white_check_mark: MAAS has the machines:',
      '• cp: 3 of 3 machines',
    ]);
  });

  it('says when nothing was reviewed yet', () => {
    expect(findingsLines(undefined)).toEqual(['_Palette has not reviewed this request yet._']);
  });
});

describe('small helpers', () => {
  it('joins mentions for people', () => {
    expect(mentions(['U1'])).toBe('<@U1>');
    expect(mentions(['U1', 'U2', 'U3'])).toBe('<@U1>, <@U2> and <@U3>');
  });
});
