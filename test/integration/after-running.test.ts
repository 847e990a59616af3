import { describe, expect, it } from 'vitest';
import { runJob } from '../../src/jobs/worker';
import type { LocalStack } from '../../src/local/stack';
import { REPAVE_APPROVE_ACTION } from '../../src/slack/blocks/care';
import { seedCluster, threadTexts } from '../support/day2';
import { useStack } from '../support/stack';

/** One reconciler sweep, run as the worker runs it, and everything it set off. */
async function sweep(stack: LocalStack): Promise<void> {
  await runJob({ kind: 'reconcile' }, stack.deps);
  await stack.idle();
}

/** The cluster's thread messages that match. */
function threadWith(stack: LocalStack, record: Parameters<typeof threadTexts>[1], pattern: RegExp): string[] {
  return threadTexts(stack, record).filter((text) => pattern.test(text));
}

describe('health episodes', () => {
  const stack = useStack();

  it('announces unhealthy once (after a sweep) and healthy again once, with how long it lasted', async () => {
    const record = await seedCluster(stack(), { name: 'care-health' });
    const sim = stack().palette!;
    sim.setHealth(record.paletteUid!, [{ type: 'NodeNotReady', message: 'worker-pool-1 is <NotReady>' }]);
    await sweep(stack());
    expect(threadWith(stack(), record, /unhealthy/)).toEqual([]);
    // Several workers see the same change at once: one announcement.
    await Promise.all([sweep(stack()), sweep(stack()), sweep(stack())]);
    const down = threadWith(stack(), record, /is \*unhealthy\*/);
    expect(down).toHaveLength(1);
    expect(down[0]).toContain(`<@${record.requester}>`);
    expect(down[0]).toContain('*NodeNotReady*: worker-pool-1 is &lt;NotReady&gt;');
    await sweep(stack());
    expect(threadWith(stack(), record, /unhealthy/)).toHaveLength(1);

    sim.setHealth(record.paletteUid!);
    await Promise.all([sweep(stack()), sweep(stack())]);
    await sweep(stack());
    const up = threadWith(stack(), record, /healthy\* again/);
    expect(up).toHaveLength(1);
    expect(up[0]).toMatch(/after \d+ s unhealthy/);
    expect(up[0]).not.toContain('<@');
    expect((await stack().deps.store.get(record.id))?.care?.unhealthy).toBeUndefined();
  });

  it('does not announce a flap shorter than one sweep', async () => {
    const record = await seedCluster(stack(), { name: 'care-flap' });
    const sim = stack().palette!;
    sim.setHealth(record.paletteUid!, 'unhealthy');
    await sweep(stack());
    sim.setHealth(record.paletteUid!);
    await sweep(stack());
    await sweep(stack());
    expect(threadWith(stack(), record, /healthy/i)).toEqual([]);
    expect((await stack().deps.store.get(record.id))?.care?.unhealthy).toBeUndefined();
  });

  it('announces an update Palette offers once, with what changed', async () => {
    const record = await seedCluster(stack(), { name: 'care-update' });
    stack().palette!.offerUpdate(record.paletteUid!, 'Kubernetes 1.30.6 → 1.31.2');
    await Promise.all([sweep(stack()), sweep(stack())]);
    await sweep(stack());
    const notices = threadWith(stack(), record, /Updates are available/);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('Kubernetes 1.30.6 → 1.31.2');
    expect(notices[0]).toContain(`/clusters/${record.paletteUid}`);
  });
});

describe('repave approvals (quorum of 2)', () => {
  const stack = useStack({ requiredApprovals: 2 });
  const approvals = (channel: string) =>
    stack()
      .slack!.messages(channel)
      .filter((message) => message.text.includes('holds a *repave*'));

  it('posts the card with Palette’s reasons; two approvals send ONE PATCH, even with concurrent clicks', async () => {
    const record = await seedCluster(stack(), { name: 'care-repave' });
    const slack = stack().slack!;
    const sim = stack().palette!;
    sim.holdRepave(record.paletteUid!);
    await Promise.all([sweep(stack()), sweep(stack())]);
    const [card] = approvals(slack.channels.approvals).filter((message) =>
      message.text.includes('care-repave'),
    );
    expect(card).toBeDefined();
    expect(threadWith(stack(), record, /holds a \*repave\*/)).toHaveLength(1);
    const cardText = JSON.stringify(card!.blocks);
    expect(cardText).toContain('PackValuesChanged');
    expect(cardText).toContain('pack.podCIDR');
    expect(cardText).toContain('Approve repave');
    expect(cardText).toContain('0 of 2 approvals');

    const target = { channel: card!.channel, ts: card!.ts };
    await slack.click(slack.users.outsider, target, REPAVE_APPROVE_ACTION);
    expect(
      await slack.waitFor(() =>
        slack.ephemerals(slack.users.outsider).find((message) => message.text.includes('approve a repave')),
      ),
    ).toBeTruthy();

    await slack.click(slack.users.approver, target, REPAVE_APPROVE_ACTION);
    await stack().idle();
    expect(threadWith(stack(), record, /1 of 2; waiting for 1 more/)).toHaveLength(1);
    expect(sim.counters().byOperation.repaveApprove ?? 0).toBe(0);

    await Promise.all([
      slack.click(slack.users.approver2, target, REPAVE_APPROVE_ACTION),
      slack.click(slack.users.admin, target, REPAVE_APPROVE_ACTION),
    ]);
    await stack().idle();
    expect(sim.counters().byOperation.repaveApprove).toBe(1);
    const saved = (await stack().deps.store.get(record.id))!;
    expect(saved.care?.repave).toMatchObject({ outcome: 'approved' });
    expect(saved.care?.repave?.approvals).toHaveLength(2);
    const updated = slack.messages(card!.channel).find((message) => message.ts === card!.ts)!;
    expect(JSON.stringify(updated.blocks)).not.toContain(REPAVE_APPROVE_ACTION);
    expect(updated.text).toContain('Approved by');
    expect(
      threadWith(stack(), record, /approved the repave of \*care-repave\*: sent to Palette/),
    ).toHaveLength(1);
    // Palette now reports it Approved: the next sweeps change nothing.
    await sweep(stack());
    expect(sim.counters().byOperation.repaveApprove).toBe(1);
  });

  it('removes the button when Palette no longer holds the repave', async () => {
    const record = await seedCluster(stack(), { name: 'care-revert' });
    const slack = stack().slack!;
    const sim = stack().palette!;
    const patches = () => sim.counters().byOperation.repaveApprove ?? 0;
    const before = patches();
    sim.holdRepave(record.paletteUid!);
    await sweep(stack());
    const [card] = approvals(slack.channels.approvals).filter((message) =>
      message.text.includes('care-revert'),
    );
    expect(JSON.stringify(card!.blocks)).toContain(REPAVE_APPROVE_ACTION);
    sim.revertRepave(record.paletteUid!);
    await sweep(stack());
    const updated = slack.messages(card!.channel).find((message) => message.ts === card!.ts)!;
    expect(JSON.stringify(updated.blocks)).not.toContain(REPAVE_APPROVE_ACTION);
    expect(updated.text).toContain('Reverted in Palette');
    // Slack's client has no button left to click.
    await expect(
      slack.click(slack.users.approver, { channel: card!.channel, ts: card!.ts }, REPAVE_APPROVE_ACTION),
    ).rejects.toThrow('No element with action_id');
    await stack().idle();
    expect(patches()).toBe(before);
  });
});
