import { describe, expect, it } from 'vitest';
import { auditLine } from './audit';

describe('auditLine', () => {
  const entry = {
    at: '2030-01-01T12:05:00.000Z',
    by: 'U0ADMIN',
    event: 'force-delete-started' as const,
    from: 'DELETING' as const,
    to: 'DELETING' as const,
  };

  it('names the cluster, its team, the actor, the action and both states; the detail only when there is one', () => {
    expect(auditLine({ id: 'C1', name: 'team-a-dev', team: 'platform' }, entry)).toEqual({
      at: '2030-01-01T12:05:00.000Z',
      actor: 'U0ADMIN',
      action: 'force-delete-started',
      clusterId: 'C1',
      clusterName: 'team-a-dev',
      fromState: 'DELETING',
      toState: 'DELETING',
      team: 'platform',
    });
    expect(
      auditLine({ id: 'C1', name: 'team-a-dev', team: 'platform' }, { ...entry, detail: 'stuck for 20 min' }),
    ).toMatchObject({ detail: 'stuck for 20 min' });
  });
});
