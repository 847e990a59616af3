import { beforeAll, describe, expect, it } from 'vitest';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { type Submitted, standIns, submitRequest } from '../integration/approvals.support';
import { useStack } from '../support/stack';

const REQUESTS = 10;
const CLICKS_PER_CARD = 10;

const getStack = useStack({ requiredApprovals: 2 });
let submitted: Submitted[];

beforeAll(async () => {
  // The requests, each reviewed and on its card, side by side (they share nothing).
  submitted = await Promise.all(
    Array.from({ length: REQUESTS }, (_, index) => submitRequest(getStack(), { name: `race-${index + 1}` })),
  );
});

describe('approvers clicking at once', () => {
  it(`${REQUESTS} requests × ${CLICKS_PER_CARD} concurrent Approve clicks → exactly ${REQUESTS} creates`, async () => {
    const stack = getStack();
    const { slack, palette } = standIns(stack);
    const createsBefore = palette.counters().byOperation.create ?? 0;
    // Every approver (and the admin) clicks, several of them more than once, all cards at the same time.
    const approvers = [slack.users.approver, slack.users.approver2, slack.users.admin];
    const replies = await Promise.all(
      submitted.flatMap(({ card }) =>
        Array.from({ length: CLICKS_PER_CARD }, (_, click) =>
          slack.click(approvers[click % approvers.length]!, card, APPROVE_ACTION),
        ),
      ),
    );
    expect(replies.every((reply) => reply.status === 200 && reply.error === undefined)).toBe(true);
    await stack.idle();

    expect((palette.counters().byOperation.create ?? 0) - createsBefore).toBe(REQUESTS);
    for (const { record } of submitted) {
      const stored = (await stack.deps.store.get(record.id))!;
      expect(stored.state).not.toBe('PENDING_APPROVAL');
      expect(stored.history.filter((entry) => entry.event === 'approved')).toHaveLength(1);
      // The quorum: exactly two distinct approvers, whoever won the race.
      expect(new Set(stored.approvals.map((approval) => approval.userId)).size).toBe(2);
      expect(stored.approvals).toHaveLength(2);
      expect(palette.clusters().filter((cluster) => cluster.name === record.name)).toHaveLength(1);
      expect(stored.paletteUid).toBe(palette.clusters().find((cluster) => cluster.name === record.name)!.uid);
    }
    // 100 requests at once and ten creates: the heaviest scenario here (30 s measured on a loaded two-core machine).
  }, 120_000);
});
