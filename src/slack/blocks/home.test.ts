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
  const lifecycle = (index: number): ClusterRecord => {
    const base = record(index);
    const at = (step: number) => new Date(Date.parse(base.requestedAt) + step * 1000).toISOString();
    return {
      ...base,
      history: [
        {
          at: at(0),
          by: 'U0REQUESTER',
          event: 'requested',
          from: 'PENDING_APPROVAL',
          to: 'PENDING_APPROVAL',
        },
        {
          at: at(1),
          by: 'bot',
          event: 'note',
          from: 'PENDING_APPROVAL',
          to: 'PENDING_APPROVAL',
          detail: 'Posted the status message.',
        },
        { at: at(2), by: 'U0APPROVER', event: 'approved', from: 'PENDING_APPROVAL', to: 'APPROVED' },
        {
          at: at(3),
          by: 'bot',
          event: 'created',
          from: 'APPROVED',
          to: 'PROVISIONING',
          detail: 'Palette accepted the create.',
        },
        {
          at: at(4),
          by: 'palette',
          event: 'running',
          from: 'PROVISIONING',
          to: 'RUNNING',
          detail: 'Palette reports Running.',
        },
      ],
    };
  };

  it('takes the newest lines across clusters, newest first, written for people, without the bot’s notes', () => {
    const lines = activityLines([lifecycle(2), lifecycle(0), lifecycle(1)], NOW, 5);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('12:00 UTC · *cluster-0* running: Palette reports it up and healthy');
    expect(lines[1]).toBe('12:00 UTC · *cluster-0* created in Palette');
    expect(lines[2]).toBe('12:00 UTC · *cluster-0* <@U0APPROVER> approved it');
    expect(lines.join('\n')).not.toMatch(/note|by bot|by palette|Posted the status message/);
  });

  it('lists a cluster given twice once', () => {
    expect(activityLines([lifecycle(0), lifecycle(0)], NOW, 50)).toHaveLength(4);
  });
});

describe('homeView for an admin', () => {
  it('lists every active cluster and says when there are more', () => {
    const everyone = Array.from({ length: HOME_LIMITS.everyone + 1 }, (_, index) => ({
      record: record(index),
    }));
    const view = JSON.stringify(
      homeView({ clusters: [], approvals: [], decides: true, everyone, now: NOW }).blocks,
    );
    expect(view).toContain('All active clusters');
    expect(view).toContain('*cluster-0* — :large_green_circle: Running · requested by <@U0REQUESTER>');
    expect(view).toContain('More are active: see `/maas list`.');
  });

  it('answers a click made on the tab at its top', () => {
    const view = homeView({
      clusters: [],
      approvals: [],
      decides: true,
      notice: 'Already decided.',
      now: NOW,
    });
    expect(JSON.stringify(view.blocks.slice(0, 5))).toContain('Already decided.');
  });
});
