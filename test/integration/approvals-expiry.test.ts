import { describe, expect, it } from 'vitest';
import { movableClock } from '../support/clock';
import { useStack } from '../support/stack';
import { buttons, messageAt, shown, standIns, submitRequest, threadShown } from './approvals.support';

/** Time runs as usual, and jumps past the TTL when the test says: a slow review can never race the expiry. */
const clock = movableClock();
const TTL_SECONDS = 3_600;
const getStack = useStack({ approvalTtlSeconds: TTL_SECONDS, now: clock.now });

describe('an unanswered request', () => {
  it('expires through its schedule; the card and the thread say so and how to resubmit', async () => {
    const stack = getStack();
    const { slack, palette } = standIns(stack);
    const { record, card, thread } = await submitRequest(stack, { name: 'team-late' });
    expect((await stack.deps.store.get(record.id))!.state).toBe('PENDING_APPROVAL');
    clock.skip(TTL_SECONDS * 1000);
    const notice = await slack.waitFor(() =>
      threadShown(stack, thread).find((text) => text.includes('expired')),
    );
    expect(notice).toContain(`<@${slack.users.requester}> :zzz: Nobody decided in time`);
    expect(notice).toContain('`/maas create-cluster team-late`');
    await stack.idle();
    expect(buttons(messageAt(stack, card))).toEqual([]);
    expect(shown(messageAt(stack, card))).toContain('the request expired at');
    const stored = (await stack.deps.store.get(record.id))!;
    expect(stored.state).toBe('EXPIRED');
    expect(stored.history.at(-1)).toMatchObject({ event: 'expired', by: 'scheduler' });

    // A duplicate firing: nothing moves, nothing is posted or sent to Palette.
    const posted = threadShown(stack, thread).length;
    await stack.deps.jobs.dispatch({ kind: 'expire', clusterId: record.id });
    await stack.idle();
    expect(threadShown(stack, thread)).toHaveLength(posted);
    expect(palette.counters().byOperation.create ?? 0).toBe(0);
    // The name is free again.
    expect((await stack.deps.store.findByName('team-late'))!.state).toBe('EXPIRED');
  });
});
