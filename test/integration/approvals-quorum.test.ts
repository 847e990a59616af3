import { describe, expect, it } from 'vitest';
import { APPROVE_ACTION, REJECT_ACTION } from '../../src/slack/blocks/approval-card';
import { useStack } from '../support/stack';
import { buttons, messageAt, shown, standIns, submitRequest, threadShown } from './approvals.support';

const getStack = useStack({ requiredApprovals: 2 });

describe('a quorum of two approvals', () => {
  it('needs two distinct approvers; the card and the thread show the count on the way', async () => {
    const stack = getStack();
    const { slack, palette } = standIns(stack);
    const createsBefore = palette.counters().byOperation.create ?? 0;
    const { record, card, thread } = await submitRequest(stack, { name: 'team-quorum' });

    await slack.click(slack.users.approver, card, APPROVE_ACTION);
    await slack.waitFor(() => shown(messageAt(stack, card)).includes('1 of 2 approvals'));
    await stack.idle();
    expect(shown(messageAt(stack, card))).toContain(
      `:ballot_box_with_check: 1 of 2 approvals: <@${slack.users.approver}>`,
    );
    expect(buttons(messageAt(stack, card))).toEqual([APPROVE_ACTION, REJECT_ACTION]);
    expect(threadShown(stack, thread).at(-1)).toContain('1 of 2 approvals');
    expect((await stack.deps.store.get(record.id))!.state).toBe('PENDING_APPROVAL');

    // The same approver again does not count twice.
    await slack.click(slack.users.approver, card, APPROVE_ACTION);
    expect(shown(slack.ephemerals(slack.users.approver).at(-1))).toContain(
      'You have already approved this request.',
    );
    expect((await stack.deps.store.get(record.id))!.approvals).toHaveLength(1);
    expect((palette.counters().byOperation.create ?? 0) - createsBefore).toBe(0);

    await slack.click(slack.users.approver2, card, APPROVE_ACTION);
    await slack.waitFor(() => buttons(messageAt(stack, card)).length === 0);
    await stack.idle();
    const stored = (await stack.deps.store.get(record.id))!;
    expect(stored.approvals.map((approval) => approval.userId)).toEqual([
      slack.users.approver,
      slack.users.approver2,
    ]);
    expect(
      stored.history
        .filter((entry) => entry.event !== 'note')
        .map((entry) => entry.event)
        .slice(0, 4),
    ).toEqual(['requested', 'approval-recorded', 'approved', 'created']);
    expect(shown(messageAt(stack, card))).toContain(
      `Approved by <@${slack.users.approver}> and <@${slack.users.approver2}>`,
    );
    expect(threadShown(stack, thread)).toContainEqual(
      expect.stringContaining(`<@${slack.users.requester}> :white_check_mark: Approved by`),
    );
    expect((palette.counters().byOperation.create ?? 0) - createsBefore).toBe(1);
  });
});
