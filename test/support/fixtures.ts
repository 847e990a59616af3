import type { ClusterRecord } from '../../src/domain/cluster';
import type { ClusterSpec } from '../../src/domain/spec';
import { IMPLICIT_TEAM } from '../../src/domain/team';

/** A valid spec to vary in each test. */
export function validSpec(overrides: Partial<ClusterSpec> = {}): ClusterSpec {
  return {
    name: 'team-a-dev',
    description: 'Team A development cluster',
    tags: [{ key: 'team', value: 'a' }, { key: 'dev' }],
    profileUid: 'profile-1',
    cloudAccountUid: 'account-1',
    domain: 'maas.lab',
    packOverrides: [],
    controlPlane: {
      name: 'control-plane-pool',
      size: 3,
      allowWorkerCapability: false,
      labels: [],
      taints: [],
      instanceType: { minCPU: 4, minMemInMB: 8192 },
      azs: ['az1'],
      resourcePool: 'default',
      diskSizeGiB: 60,
    },
    workerPools: [
      {
        name: 'worker-pool',
        size: 2,
        rollingUpdate: 'expand-first',
        labels: [{ key: 'role', value: 'app' }],
        taints: [],
        instanceType: { minCPU: 8, minMemInMB: 16384 },
        azs: ['az1', 'az2'],
        resourcePool: 'default',
        diskSizeGiB: 100,
      },
    ],
    ...overrides,
  };
}

/** A stored cluster record (PENDING_APPROVAL, version 1, no history) to vary in each test. */
export function testRecord(overrides: Partial<ClusterRecord> = {}): ClusterRecord {
  return {
    id: 'C1',
    name: 'team-a-dev',
    spec: validSpec({ name: overrides.name ?? 'team-a-dev' }),
    state: 'PENDING_APPROVAL',
    team: IMPLICIT_TEAM,
    requester: 'U0REQUESTER',
    requestedAt: '2030-01-01T12:00:00.000Z',
    updatedAt: '2030-01-01T12:00:00.000Z',
    expiresAt: '2030-01-02T12:00:00.000Z',
    slack: { channel: 'C0REQUESTS' },
    approvals: [],
    version: 1,
    history: [],
    ...overrides,
  };
}
