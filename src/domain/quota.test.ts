import { describe, expect, it } from 'vitest';
import { checkQuota, type QuotaAsk, quotaLine, quotaLines, type TeamLedger, usageOf } from './quota';

const payments = { name: 'payments', quota: { clusters: 5, nodes: 40, nodesPerPool: 10 } };
const entry = (clusterId: string, nodes: number, approved: boolean) => ({
  clusterId,
  nodes,
  approved,
  since: '2030-01-01T12:00:00Z',
});
/** 30 nodes in 3 approved clusters, 10 in 2 pending requests, and this request's own entry (6, pending). */
const ledger: TeamLedger = {
  team: 'payments',
  entries: [
    entry('a', 10, true),
    entry('b', 10, true),
    entry('c', 10, true),
    entry('p1', 5, false),
    entry('p2', 5, false),
    entry('this', 6, false),
  ],
};
const six: QuotaAsk = {
  kind: 'request',
  pools: [
    { name: 'control-plane-pool', size: 1 },
    { name: 'worker-pool', size: 5 },
  ],
};

describe('usageOf', () => {
  it('splits approved from pending, leaving the asked-about cluster out', () => {
    expect(usageOf(ledger, 'this')).toEqual({
      approved: { clusters: 3, nodes: 30 },
      pending: { clusters: 2, nodes: 10 },
    });
    expect(usageOf(ledger).pending).toEqual({ clusters: 3, nodes: 16 });
  });
});

describe('checkQuota', () => {
  const usage = usageOf(ledger, 'this');

  it('at review counts pending requests, and refuses with the numbers', () => {
    const roomy = { ...payments, quota: { ...payments.quota, clusters: 10 } };
    expect(checkQuota(roomy, usage, six, 'review')).toEqual({
      ok: false,
      reason: 'payments would use 46 of 40 nodes (approved 30, pending 10, this request 6).',
      hint: 'Make the request smaller, wait until a cluster of payments is deleted (or a waiting request decided), or ask an admin of payments to raise its quota.',
    });
  });

  it('at approval counts only approved clusters (the first approved takes the room)', () => {
    expect(checkQuota(payments, usage, six, 'approval')).toEqual({ ok: true });
    const full = { ...usage, approved: { clusters: 4, nodes: 38 } };
    expect(checkQuota(payments, full, six, 'approval')).toMatchObject({
      ok: false,
      reason: 'payments would use 44 of 40 nodes (approved 38, this request 6).',
    });
  });

  it('counts clusters against `clusters`', () => {
    const five = { approved: { clusters: 4, nodes: 4 }, pending: { clusters: 1, nodes: 1 } };
    expect(checkQuota(payments, five, six, 'review')).toMatchObject({
      ok: false,
      reason: 'payments would have 6 of 5 clusters (approved 4, pending 1, this request 1).',
    });
    expect(checkQuota(payments, five, six, 'approval')).toEqual({ ok: true });
  });

  it('refuses a pool over `nodesPerPool` whatever the usage', () => {
    const big: QuotaAsk = { kind: 'request', pools: [{ name: 'gpu', size: 12 }] };
    const empty = { approved: { clusters: 0, nodes: 0 }, pending: { clusters: 0, nodes: 0 } };
    expect(checkQuota(payments, empty, big, 'review')).toMatchObject({
      ok: false,
      reason: 'Pool "gpu" would have 12 nodes; payments allows at most 10 per pool.',
    });
  });

  it('checks a resize by its difference, shrinking always fitting', () => {
    const grow: QuotaAsk = { kind: 'resize', pool: 'worker-pool', from: 2, to: 8 };
    const used = { approved: { clusters: 4, nodes: 36 }, pending: { clusters: 1, nodes: 9 } };
    expect(checkQuota(payments, used, grow, 'scale')).toMatchObject({
      ok: false,
      reason: 'payments would use 42 of 40 nodes (approved 36, this resize +6).',
      hint: 'Resize less, delete a cluster of payments first, or ask an admin of payments to raise its quota.',
    });
    expect(checkQuota(payments, used, { ...grow, from: 8, to: 2 }, 'scale')).toEqual({ ok: true });
  });

  it('lets everything through for a team without limits', () => {
    const free = { name: 'data', quota: {} };
    const huge = { approved: { clusters: 99, nodes: 999 }, pending: { clusters: 9, nodes: 99 } };
    expect(checkQuota(free, huge, six, 'review')).toEqual({ ok: true });
  });
});

describe('quotaLine and quotaLines', () => {
  it('shows the usage before and after, and says whether pending requests count', () => {
    const usage = { approved: { clusters: 3, nodes: 34 }, pending: { clusters: 2, nodes: 10 } };
    expect(quotaLine(payments, usage, six, 'approval')).toBe(
      'Team quota (payments): 34/40 nodes → 40/40 after this · 3/5 clusters → 4/5 · at most 10 nodes per pool. Pending requests do not count until approved (2 others waiting, 10 nodes).',
    );
    expect(quotaLine(payments, usage, six, 'review')).toBe(
      'Team quota (payments): 44/40 nodes → 50/40 after this · 5/5 clusters → 6/5 · at most 10 nodes per pool. Counting 2 other pending requests (10 nodes).',
    );
    expect(quotaLine({ name: 'data', quota: {} }, usage, six, 'review')).toBeUndefined();
  });

  it('lists each limit with its use for /maas quota', () => {
    const usage = { approved: { clusters: 3, nodes: 34 }, pending: { clusters: 1, nodes: 4 } };
    expect(quotaLines(payments, usage)).toEqual([
      '*Clusters*: 4 of 5 (3 approved, 1 pending)',
      '*Nodes*: 38 of 40 (34 approved, 4 pending)',
      '*Nodes per pool*: at most 10',
    ]);
    expect(quotaLines({ name: 'data', quota: {} }, usage)[0]).toBe(
      '*Clusters*: 4 (no limit) (3 approved, 1 pending)',
    );
  });
});
