import { describe, expect, it } from 'vitest';
import type { ClusterRecord } from '../../domain/cluster';
import { activityLines, HOME_LIMITS, homeView } from './home';

const NOW = new Date('2030-05-01T12:00:00Z');

function record(index: number, state: ClusterRecord['state'] = 'RUNNING'): ClusterRecord {
  const at = new Date(NOW.getTime() - index * 60_000).toISOString();
  return {
    id: `c-${index}`,
    name: `cluster-${index}`,
    team: 'default',
    spec: {
      name: `cluster-${index}`,
      description: '',
      tags: [],
      profileUid: 'p',
      cloudAccountUid: 'a',
      domain: 'maas.lab',
      packOverrides: [],
      controlPlane: {
        name: 'cp',
        size: 1,
        allowWorkerCapability: false,
        labels: [],
        taints: [],
        instanceType: { minCPU: 2, minMemInMB: 4096 },
        azs: [],
        resourcePool: 'default',
        diskSizeGiB: 40,
      },
      workerPools: [],
    },
    state,
    requester: 'U0REQUESTER',
    requestedAt: at,
    updatedAt: at,
    expiresAt: new Date(NOW.getTime() + 3_600_000).toISOString(),
    slack: { channel: 'C0REQUESTS' },
    approvals: [],
    version: 3,
    history: Array.from({ length: 5 }, (_, step) => ({
      at: new Date(Date.parse(at) + step * 1000).toISOString(),
      by: step % 2 ? 'palette' : 'U0REQUESTER',
      event: 'note' as const,
      from: state,
      to: state,
      detail: `step ${step} of ${index}`,
    })),
  };
}

describe('homeView', () => {
  it('stays within 100 blocks however many clusters and requests there are', () => {
    const clusters = Array.from({ length: 60 }, (_, index) => ({ record: record(index) }));
    const approvals = Array.from({ length: 60 }, (_, index) => ({
      record: record(100 + index, 'PENDING_APPROVAL'),
      link: 'https://example.slack.com/archives/C1/p1',
    }));
    const view = homeView({ clusters, approvals, decides: true, now: NOW });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view.blocks)).toContain('More requests are waiting: see the approvals channel.');
  });

  it('leaves the approvals part out for people who decide nothing', () => {
    const view = homeView({ clusters: [], approvals: [], decides: false, now: NOW });
    expect(JSON.stringify(view.blocks)).not.toContain('Waiting for my approval');
  });
});

describe('activityLines', () => {
  it('takes the newest history lines across clusters, newest first, with who acted', () => {
    const lines = activityLines([record(2), record(0), record(1)], NOW, HOME_LIMITS.activity);
    expect(lines).toHaveLength(HOME_LIMITS.activity);
    expect(lines[0]).toContain('step 4 of 0');
    expect(lines[1]).toContain('step 3 of 0');
    expect(lines[0]).toContain('by <@U0REQUESTER>');
    expect(lines[1]).toContain('by Palette');
    expect(lines.at(-1)).toContain('of 2');
  });
});
