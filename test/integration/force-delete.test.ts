import { describe, expect, it } from 'vitest';
import type { ClusterRecord } from '../../src/domain/cluster';
import { addSeconds, formatUtc } from '../../src/domain/time';
import { runJob } from '../../src/jobs/worker';
import type { SlackMessage } from '../../src/local/slack/types';
import type { LocalStack } from '../../src/local/stack';
import { CONFIRM_NAME_BLOCK } from '../../src/slack/blocks/delete';
import { FORCE_DELETE_ACTION, forceDeleteNotice } from '../../src/slack/blocks/force-delete';
import { recordReaches, recordWhen, seedCluster, simulatorReaches, threadTexts } from '../support/day2';
import { recordedMetrics } from '../support/metrics';
import { teamPalette, useStack } from '../support/stack';

/** Whether a message carries the Force delete button. */
const hasButton = (message: { blocks?: unknown[] }) =>
  JSON.stringify(message.blocks ?? []).includes(`"action_id":"${FORCE_DELETE_ACTION}"`);

/** The thread's messages that carry the Force delete button (the notice). */
function notices(stack: LocalStack, record: ClusterRecord): SlackMessage[] {
  return stack
    .slack!.messages(record.slack.channel, { threadTs: record.slack.threadTs! })
    .filter((message) => hasButton(message));
}

/** The requester deletes through the confirmation modal, as people do. */
async function deleteThroughModal(stack: LocalStack, record: ClusterRecord): Promise<ClusterRecord> {
  const slack = stack.slack!;
  await slack.command(slack.users.requester, '/maas', `delete ${record.name}`);
  const modal = slack.views(slack.users.requester).at(-1)!;
  await slack.submit(slack.users.requester, modal.id, { [CONFIRM_NAME_BLOCK]: record.name });
  return (await stack.deps.store.get(record.id))!;
}

/**
 * A record moved to DELETING long enough ago for the window to be open, with Palette's delete sent directly:
 * no job, so no schedule and no poll — the test runs the window job itself.
 */
async function deletingSinceAWhile(stack: LocalStack, record: ClusterRecord): Promise<ClusterRecord> {
  const since = addSeconds(stack.deps.now().toISOString(), -60);
  const deleting = await stack.deps.store.apply(record, {
    event: 'delete-started',
    by: stack.slack!.users.requester,
    at: since,
    set: { deletingSince: since, deleteKind: 'delete', deletedBy: stack.slack!.users.requester },
  });
  await teamPalette(stack).deleteCluster(record.paletteUid!, { force: false });
  return deleting;
}

/** `/maas TEXT` typed by `user`: the ephemeral answer's text. */
async function maas(stack: LocalStack, user: string, text: string): Promise<string> {
  const result = await stack.slack!.command(user, '/maas', text);
  return (result.body as { text: string }).text;
}

const forceDeletes = (stack: LocalStack) => stack.palette!.counters().byOperation.forceDelete ?? 0;

describe('force delete of a stuck deletion (2-second window)', () => {
  const recorded = recordedMetrics();
  const stack = useStack({ forceDeleteAfterSeconds: 2, metrics: recorded.metrics });
  /** Force deletes counted so far with `outcome` (EMF ClusterOperations). */
  const counted = (outcome: string) =>
    recorded.values('ClusterOperations', { operation: 'force-delete', outcome }).length;

  it('posts the notice at the window unasked, refuses a non-admin, and an admin’s click force-deletes', async () => {
    const { users } = stack().slack!;
    const record = await seedCluster(stack(), { name: 'stuck-story', sticky: true });
    const deleting = await deleteThroughModal(stack(), record);
    expect(deleting.state).toBe('DELETING');
    expect(await maas(stack(), users.requester, `force-delete ${record.name}`)).toContain(
      'Only admins can force-delete "stuck-story".',
    );

    // Nobody asks: the schedule set when the delete started fires at deletingSince + 2 s.
    const notice = await stack().slack!.waitFor(() => notices(stack(), record)[0]);
    // At the window, not before it (Slack's ts is the posting time in seconds).
    expect(Number(notice.ts) * 1000).toBeGreaterThanOrEqual(Date.parse(deleting.deletingSince!) + 2_000);
    const noticeText = JSON.stringify(notice.blocks);
    expect(notice.text).toContain('*stuck-story* has been deleting since');
    expect(noticeText).toContain('must be cleaned up by hand');
    expect(noticeText).toContain(`Only admins can force delete: admins (<@${users.admin}>)`);
    await recordWhen(stack(), record.id, (current) => current.slack.forceDeleteNoticeTs === notice.ts);
    const machines = (
      await Promise.all(
        ['control-plane-pool', 'worker-pool'].map((pool) =>
          teamPalette(stack()).poolMachines(record.cloudConfigUid!, pool),
        ),
      )
    ).flat();
    expect(machines).toHaveLength(5);
    for (const machine of machines) expect(noticeText).toContain(machine.hostname!);

    const place = { channel: record.slack.channel, ts: notice.ts };
    await stack().slack!.click(users.outsider, place, FORCE_DELETE_ACTION);
    // Answered where the button is: in the thread, only to them — not at the bottom of the channel.
    const refused = stack().slack!.ephemerals(users.outsider).at(-1)!;
    expect(refused.text).toContain('Only admins can force-delete "stuck-story".');
    expect(refused).toMatchObject({ channel: record.slack.channel, threadTs: record.slack.threadTs });
    // The dialog Slack shows before the click reaches the bot says who may do it.
    expect(JSON.stringify(notice.blocks)).toContain('Only admins can force delete; anyone else is refused.');
    expect(forceDeletes(stack())).toBe(0);

    await stack().slack!.click(users.admin, place, FORCE_DELETE_ACTION);
    const deleted = await recordReaches(stack(), record.id, 'DELETED');
    expect(forceDeletes(stack())).toBe(1);
    expect(deleted).toMatchObject({ forceDeleteBy: users.admin });
    expect(deleted.history.map((entry) => entry.event)).toEqual(
      expect.arrayContaining(['delete-started', 'force-delete-started', 'deleted']),
    );
    const thread = threadTexts(stack(), record);
    expect(
      thread.some((text) =>
        text.includes(`<@${users.admin}> force-deleted *stuck-story*: I am asking Palette to drop it`),
      ),
    ).toBe(true);
    const ended = await stack().slack!.waitFor(() =>
      threadTexts(stack(), record).find((text) => text.includes('*stuck-story* was force-deleted')),
    );
    expect(ended).toContain(
      '5 MAAS machines may still be allocated (listed in this thread): release them by hand.',
    );
    // The notice now records who force-deleted (no button, no list), and the end of the deletion leaves it so.
    await stack().idle();
    const messages = stack().slack!.messages(record.slack.channel, { threadTs: record.slack.threadTs! });
    const updated = messages.find((message) => message.ts === notice.ts)!;
    expect(hasButton(updated)).toBe(false);
    expect(updated.text).toContain(`<@${users.admin}> force-deleted *stuck-story*`);
    // The machines left are listed once in the thread, and the status message agrees with it.
    const listing = messages.filter((message) =>
      JSON.stringify(message.blocks ?? []).includes('MAAS machines still allocated (5)'),
    );
    expect(listing).toHaveLength(1);
    for (const machine of machines) expect(JSON.stringify(listing[0]!.blocks)).toContain(machine.hostname!);
    const { slack: places } = (await stack().deps.store.get(record.id))!;
    const status = JSON.stringify(messages.find((message) => message.ts === places.statusTs)!.blocks);
    expect(status).toContain(':black_circle: Deleted');
    expect(status).toContain(
      `Force-deleted by <@${users.admin}>: Palette did not wait for its machines. 5 MAAS machines may still be allocated`,
    );
    expect(status).not.toContain('Every machine is released');
    expect(status).not.toContain('Open in Palette');
    // The end is said in the channel too, not only in the thread.
    expect(messages.find((message) => message.text.includes('was force-deleted'))?.replyBroadcast).toBe(true);
  });

  it('/maas force-delete after the window answers the admin with the warning, machines and button only', async () => {
    const { users } = stack().slack!;
    const before = forceDeletes(stack());
    const record = await deletingSinceAWhile(
      stack(),
      await seedCluster(stack(), { name: 'stuck-command', sticky: true }),
    );
    const result = await stack().slack!.command(users.admin, '/maas', `force-delete ${record.name}`);
    const offer = stack().slack!.ephemerals(users.admin).at(-1)!;
    expect((result.body as { response_type: string }).response_type).toBe('ephemeral');
    expect(hasButton(offer)).toBe(true);
    expect(JSON.stringify(offer.blocks)).toContain('MAAS machines still allocated (5)');
    expect(forceDeletes(stack())).toBe(before);

    await stack().slack!.click(users.admin, { channel: offer.channel, ts: offer.ts }, FORCE_DELETE_ACTION);
    const replaced = stack()
      .slack!.ephemerals(users.admin)
      .find((message) => message.ts === offer.ts)!;
    expect(replaced.text).toContain('Force delete of *stuck-command* sent');
    expect(hasButton(replaced)).toBe(false);
    await recordReaches(stack(), record.id, 'DELETED');
    expect(forceDeletes(stack())).toBe(before + 1);

    // Once Palette has dropped it, there is nothing left to force.
    expect(await maas(stack(), users.admin, `force-delete ${record.name}`)).toContain('is deleted');
  });

  it('shows Palette’s refusal of a force delete and lets an admin try again', async () => {
    const { users } = stack().slack!;
    const record = await deletingSinceAWhile(
      stack(),
      await seedCluster(stack(), { name: 'stuck-refused', sticky: true }),
    );
    await runJob({ kind: 'force-delete-window', clusterId: record.id }, stack().deps);
    const [notice] = notices(stack(), record);
    const before = forceDeletes(stack());
    const [refusedBefore, acceptedBefore] = [counted('refused'), counted('accepted')];
    stack().palette!.injectOnce('DELETE', '/v1/spectroclusters/:uid', {
      status: 403,
      body: { code: 'Forbidden', message: 'The API key may not force delete clusters' },
    });
    await stack().slack!.click(
      users.admin,
      { channel: record.slack.channel, ts: notice!.ts },
      FORCE_DELETE_ACTION,
    );
    await stack().idle();
    expect(threadTexts(stack(), record).at(-1)).toBe(
      ':x: Palette refused to force delete *stuck-refused*: The API key may not force delete clusters',
    );
    expect((await stack().deps.store.get(record.id))!.forceDeleteAt).toBeUndefined();
    expect(counted('refused')).toBe(refusedBefore + 1);

    await stack().slack!.click(
      users.admin,
      { channel: record.slack.channel, ts: notice!.ts },
      FORCE_DELETE_ACTION,
    );
    await recordReaches(stack(), record.id, 'DELETED');
    expect(forceDeletes(stack())).toBe(before + 1);
    expect(counted('accepted')).toBe(acceptedBefore + 1);
  });

  it('a duplicate firing of the window posts one notice', async () => {
    const record = await deletingSinceAWhile(
      stack(),
      await seedCluster(stack(), { name: 'stuck-dup', sticky: true }),
    );
    const job = { kind: 'force-delete-window', clusterId: record.id } as const;
    await Promise.all([runJob(job, stack().deps), runJob(job, stack().deps), runJob(job, stack().deps)]);
    await runJob(job, stack().deps);
    expect(notices(stack(), record)).toHaveLength(1);
    expect((await stack().deps.store.get(record.id))!.slack.forceDeleteNoticeTs).toBe(
      notices(stack(), record)[0]!.ts,
    );
  });

  it('a deletion that finished before the window gets no notice', async () => {
    const record = await seedCluster(stack(), { name: 'quick-delete' });
    await deleteThroughModal(stack(), record);
    const deleted = await recordReaches(stack(), record.id, 'DELETED');
    const atTheWindow = new Date(Date.parse(addSeconds(deleted.deletingSince!, 2)) + 1);
    await runJob(
      { kind: 'force-delete-window', clusterId: record.id },
      { ...stack().deps, now: () => atTheWindow },
    );
    expect(notices(stack(), record)).toHaveLength(0);
  });

  it('offers no force delete while Palette has not taken the delete, and looks again later', async () => {
    const record = await seedCluster(stack(), { name: 'delete-not-taken', sticky: true });
    const since = addSeconds(stack().deps.now().toISOString(), -60);
    // Our record says DELETING, but Palette never got (or refused) the delete: it still reports Running.
    await stack().deps.store.apply(record, {
      event: 'delete-started',
      by: stack().slack!.users.requester,
      at: since,
      set: { deletingSince: since, deleteKind: 'delete' },
    });
    const job = { kind: 'force-delete-window', clusterId: record.id } as const;
    const scheduled: Date[] = [];
    const scheduler = {
      at: async (when: Date, again: typeof job) => {
        expect(again).toEqual(job);
        scheduled.push(when);
        return 'force-delete-window-again';
      },
      put: async () => {
        throw new Error('The force-delete window uses no named schedule.');
      },
      cancel: async () => {},
    };
    const before = stack().deps.now().getTime();
    await runJob(job, { ...stack().deps, scheduler });
    expect(notices(stack(), record)).toHaveLength(0);
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]!.getTime()).toBeGreaterThanOrEqual(before + 60_000);
  });

  it('no notice when Palette finished before our record caught up; the poll then ends the record', async () => {
    const record = await deletingSinceAWhile(stack(), await seedCluster(stack(), { name: 'caught-up' }));
    await simulatorReaches(stack(), record.paletteUid!, 'Deleted');
    expect((await stack().deps.store.get(record.id))!.state).toBe('DELETING');
    await runJob({ kind: 'force-delete-window', clusterId: record.id }, stack().deps);
    await recordReaches(stack(), record.id, 'DELETED');
    expect(notices(stack(), record)).toHaveLength(0);
  });
});

describe('force delete before the window (15-minute window)', () => {
  const stack = useStack({ forceDeleteAfterSeconds: 900 });

  it('refuses the command with the estimated time, and a non-admin by role', async () => {
    const { users } = stack().slack!;
    const record = await seedCluster(stack(), { name: 'early-eta', sticky: true });
    const deleting = await deleteThroughModal(stack(), record);
    const opensAt = new Date(addSeconds(deleting.deletingSince!, 900));
    const answer = await maas(stack(), users.admin, `force-delete ${record.name}`);
    expect(answer).toContain('Force delete opens 15 min after the delete started');
    expect(answer).toContain(`Force delete available in 15 min, at ${formatUtc(opensAt, new Date())}.`);
    expect(await maas(stack(), users.outsider, `force-delete ${record.name}`)).toContain(
      `Who can: admins (<@${users.admin}>)`,
    );
    expect(forceDeletes(stack())).toBe(0);
  });

  it('the button before the window answers with the estimated time, and an early firing posts nothing', async () => {
    const { users } = stack().slack!;
    const record = await seedCluster(stack(), { name: 'early-button', sticky: true });
    const deleting = await deleteThroughModal(stack(), record);
    // A notice from an earlier configuration (or a copy) clicked before the window opens.
    const stale = forceDeleteNotice(
      { cluster: deleting, deletingSince: deleting.deletingSince!, leftovers: { machines: [] } },
      new Date(),
    );
    const posted = await stack().deps.slack.chat.postMessage({
      channel: record.slack.channel,
      thread_ts: record.slack.threadTs!,
      text: stale.text,
      blocks: stale.blocks!,
    });
    await stack().slack!.click(
      users.admin,
      { channel: record.slack.channel, ts: posted.ts! },
      FORCE_DELETE_ACTION,
    );
    const opensAt = new Date(addSeconds(deleting.deletingSince!, 900));
    expect(stack().slack!.ephemerals(users.admin).at(-1)!.text).toContain(
      `Force delete available in 15 min, at ${formatUtc(opensAt, new Date())}.`,
    );
    expect((await stack().deps.store.get(record.id))!.forceDeleteAt).toBeUndefined();

    // The window fires early (a clock skew): it re-arms itself and posts nothing beside the stale copy.
    await runJob({ kind: 'force-delete-window', clusterId: record.id }, stack().deps);
    expect(notices(stack(), record).map((message) => message.ts)).toEqual([posted.ts]);
    expect(forceDeletes(stack())).toBe(0);
  });
});
