import { describe, expect, it } from 'vitest';
import { runJob } from '../../src/jobs/worker';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { eventLine } from '../../src/slack/blocks/notices';
import { type Slot, workspaceLimiter } from '../../src/slack/limiter';
import { roomForProgressPost } from '../../src/slack/thread';
import { teamPalette, useStack } from '../support/stack';
import { until } from '../support/wait';
import { standIns, submitRequest, threadShown } from './approvals.support';

// Slack's real per-channel pace (3 posts in 3 s) so the window's state is the test's to set; polls only when run here.
const getStack = useStack({
  slackRateLimits: { windowScale: 1 },
  pollIntervalSeconds: 3_600,
  // At the playground's pace: the cluster is still provisioning when the test polls it.
  paletteSimulator: { speed: 1 },
});

/** A thread's event lines ("`12:00:01` NodeReady: …"), as text. */
const eventLinesOf = (texts: string[]) =>
  texts.filter((text) => /^(:warning: )?`\d\d:\d\d:\d\d` /.test(text));

describe("event lines wait while the channel's pace is taken", () => {
  it('keeps a poll’s events unseen when the channel has no room, then posts them in the next poll’s one line', async () => {
    const stack = getStack();
    const { slack } = standIns(stack);
    const { deps } = stack;
    const { record, card, thread } = await submitRequest(stack, { name: 'paced-events' });
    await slack.click(slack.users.approver, card, APPROVE_ACTION);
    await stack.idle();
    const provisioning = (await deps.store.get(record.id))!;
    expect(provisioning.state).toBe('PROVISIONING');
    const events = await until('Palette events of the cluster that no poll has seen yet', async () => {
      const found = await teamPalette(stack).clusterEvents(provisioning.paletteUid!, 50);
      const seenSoFar = (await deps.store.get(record.id))?.progress?.seenEventUids ?? [];
      return found.some((event) => !seenSoFar.includes(event.uid)) ? found : undefined;
    });

    // The channel's window taken by posts still in flight: no room until they are answered.
    const limiter = workspaceLimiter({ ...deps.config.slack, rateWindowScale: 1 });
    const held: Slot[] = [];
    while (roomForProgressPost(deps, thread.channel) || held.length < 1)
      held.push(await limiter.slot('chat.postMessage', thread.channel, 60_000));
    const linesBefore = eventLinesOf(threadShown(stack, thread));
    await runJob({ kind: 'poll', clusterId: record.id }, deps);
    const afterHeld = (await deps.store.get(record.id))!;
    expect(eventLinesOf(threadShown(stack, thread))).toEqual(linesBefore);
    const seen = new Set(afterHeld.progress?.seenEventUids ?? []);
    expect(events.some((event) => !seen.has(event.uid))).toBe(true);

    // Room again: the next poll posts what was held, with anything newer, in one message.
    for (const slot of held) slot.answered();
    await until('room in the channel again', () => roomForProgressPost(deps, thread.channel) || undefined);
    await runJob({ kind: 'poll', clusterId: record.id }, deps);
    const lines = eventLinesOf(threadShown(stack, thread));
    expect(lines).toHaveLength(linesBefore.length + 1);
    const posted = lines.at(-1)!;
    // The oldest event held back leads the line (events are shown oldest first).
    const heldBack = events.filter((candidate) => !seen.has(candidate.uid)).at(-1)!;
    expect(posted.startsWith(eventLine(heldBack))).toBe(true);
    const afterPosted = (await deps.store.get(record.id))!;
    expect(afterPosted.progress?.seenEventUids).toEqual(
      expect.arrayContaining(events.map((event) => event.uid)),
    );
  });
});
