import { describe, expect, it } from 'vitest';
import type { ClusterRecord } from '../../src/domain/cluster';
import { leaseEndText } from '../../src/domain/lease';
import { runJob } from '../../src/jobs/worker';
import { leaseScheduleName } from '../../src/leases/schedule';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { CONFIRM_NAME_BLOCK } from '../../src/slack/blocks/delete';
import {
  APPROVE_EXTENSION_ACTION,
  EXTENSION_REASON_BLOCK,
  REJECT_EXTENSION_ACTION,
} from '../../src/slack/blocks/extension';
import { LEASE_DELETE_ACTION, LEASE_EXTEND_ACTION } from '../../src/slack/blocks/lease';
import { movableClock } from '../support/clock';
import { recordReaches, recordWhen, seedCluster } from '../support/day2';
import { useStack } from '../support/stack';
import { buttons, messageAt, shown, standIns, submitRequest, threadShown } from './approvals.support';

/** Time runs as usual and jumps when the test says: every lease moment comes only once the test skips to it. */
const clock = movableClock();
const getStack = useStack({
  now: clock.now,
  env: { LEASE_DEFAULT: '10m', LEASE_MAX: '3d', LEASE_REMINDERS: '5m,2m' },
});

const MINUTE = 60_000;

/** Moves the clock to `ms` before `iso` (never backwards). */
function skipTo(iso: string, msBefore = 0): void {
  const delta = Date.parse(iso) - msBefore - clock.now().getTime();
  if (delta > 0) clock.skip(delta);
}

/** A request with a 10-minute lease, approved and running, its lease started. */
async function runningWithLease(name: string) {
  const stack = getStack();
  const { slack } = standIns(stack);
  const submitted = await submitRequest(stack, { name, lease: { requested: 600 } });
  await slack.click(slack.users.approver, submitted.card, APPROVE_ACTION);
  await recordReaches(stack, submitted.record.id, 'RUNNING');
  const record = await recordWhen(
    stack,
    submitted.record.id,
    (r) => r.lease?.endsAt !== undefined,
    'a started lease',
  );
  return { ...submitted, record: record as ClusterRecord & { lease: { endsAt: string } } };
}

/** The thread's messages as shown, waiting until one satisfies `match`. */
function threadMessage(thread: { channel: string; ts: string }, match: (text: string) => boolean) {
  const stack = getStack();
  return standIns(stack).slack.waitFor(() => threadShown(stack, thread).find(match));
}

describe('a lease', () => {
  it('starts at Running, reminds with buttons that fit, extends on a click, reminds again and deletes at its end, once', async () => {
    const stack = getStack();
    const { slack, palette } = standIns(stack);
    const { record, thread } = await runningWithLease('lease-story');
    expect(Date.parse(record.lease.endsAt) - Date.parse(record.runningSince!)).toBe(10 * MINUTE);
    expect(record.history.map((entry) => entry.event)).toContain('lease-started');
    const running = await threadMessage(thread, (text) => text.includes(':tada:'));
    expect(running).toMatch(/:hourglass: Lease: until \w{3} \d{1,2} \w{3} \d\d:\d\d UTC, in (9|10) min/);

    // The 5-minute reminder: it mentions the requester; Extend 1 day fits under the 3-day maximum, 1 week does not.
    skipTo(record.lease.endsAt, 5 * MINUTE);
    const reminder = await threadMessage(thread, (text) => text.includes(':alarm_clock:'));
    expect(reminder).toContain(
      `<@${slack.users.requester}> *lease-story* will be deleted when its lease ends`,
    );
    const reminderMessage = slack
      .messages(thread.channel, { threadTs: thread.ts })
      .find((message) => message.text.includes(':alarm_clock:'))!;
    expect(buttons(reminderMessage)).toEqual([`${LEASE_EXTEND_ACTION}-86400`, LEASE_DELETE_ACTION]);

    // Someone else may not extend; the requester does (once, however often they click), and the end and its
    // schedule move by a day.
    await slack.click(slack.users.approver, reminderMessage, `${LEASE_EXTEND_ACTION}-86400`);
    await slack.click(slack.users.requester, reminderMessage, `${LEASE_EXTEND_ACTION}-86400`);
    // A second click on the same reminder finds the end moved: it extends once.
    await slack.click(slack.users.requester, reminderMessage, `${LEASE_EXTEND_ACTION}-86400`);
    const extended = await recordWhen(
      stack,
      record.id,
      (r) => r.lease?.endsAt !== record.lease.endsAt,
      'extended',
    );
    expect(Date.parse(extended.lease!.endsAt!) - Date.parse(record.lease.endsAt)).toBe(86_400_000);
    expect(extended.history.filter((entry) => entry.event === 'lease-extended')).toHaveLength(1);
    await threadMessage(thread, (text) => text.includes('extended the lease of *lease-story* by 1 day'));
    // The status message shows the new end.
    const newEnd = leaseEndText(extended.lease!.endsAt!, new Date(extended.lease!.endsAt!)).split(',')[0]!;
    const status = { channel: thread.channel, ts: extended.slack.statusTs! };
    await slack.waitFor(() => shown(messageAt(stack, status)).includes(newEnd) || undefined);

    // A stale firing for the old end (the 2-minute reminder) sends nothing: the lease is read when it fires.
    skipTo(record.lease.endsAt, 2 * MINUTE);
    const before = threadShown(stack, thread).length;
    await stack.deps.jobs.dispatch({ kind: 'lease', clusterId: record.id });
    await stack.idle();
    expect(threadShown(stack, thread)).toHaveLength(before);

    // The next reminder comes 5 minutes before the new end, then the end deletes it through the normal delete.
    skipTo(extended.lease!.endsAt!, 5 * MINUTE);
    await slack.waitFor(
      () =>
        threadShown(stack, thread).filter((text) => text.includes(':alarm_clock:')).length === 2 || undefined,
    );
    skipTo(extended.lease!.endsAt!);
    await threadMessage(thread, (text) => text.includes('The lease of *lease-story* has ended'));
    // Duplicate firings at the end, concurrently: one transition, one Palette DELETE.
    await Promise.all([1, 2, 3].map(() => stack.deps.jobs.dispatch({ kind: 'lease', clusterId: record.id })));
    const deleted = await recordReaches(stack, record.id, 'DELETED');
    await stack.idle();
    expect(deleted.deletedBy).toBe('lease');
    expect(deleted.history.filter((entry) => entry.event === 'delete-started')).toEqual([
      expect.objectContaining({ by: 'lease', detail: 'the lease ended' }),
    ]);
    expect(palette.counters().byOperation.delete).toBe(1);
    expect(palette.counters().byOperation.forceDelete ?? 0).toBe(0);
    const texts = threadShown(stack, thread);
    expect(texts.filter((text) => text.includes('has ended'))).toHaveLength(1);
    expect(texts.filter((text) => text.includes(':alarm_clock:'))).toHaveLength(2);
    expect(texts.some((text) => text.includes('Its lease ended, so I started deleting *lease-story*'))).toBe(
      true,
    );
  });

  it('is ended by the reconciler when its schedule was lost, and started when its Running was not announced', async () => {
    const stack = getStack();
    const seeded = await seedCluster(stack, { name: 'lease-lost' });
    const at = stack.deps.now().toISOString();
    const lost = await stack.deps.store.apply(seeded, {
      event: 'note',
      by: 'test',
      at,
      set: { lease: { requested: 600 } },
    });
    await runJob({ kind: 'reconcile' }, stack.deps);
    const started = await recordWhen(stack, lost.id, (r) => r.lease?.endsAt !== undefined, 'a started lease');
    // Its schedule is lost (removed by hand here): past the end and a grace, the sweep ends the lease.
    await stack.deps.scheduler.cancel(leaseScheduleName(lost.id));
    skipTo(started.lease!.endsAt!, -4 * MINUTE);
    await runJob({ kind: 'reconcile' }, stack.deps);
    const deleting = await recordWhen(stack, lost.id, (r) => r.state !== 'RUNNING', 'past Running');
    expect(deleting).toMatchObject({ deletedBy: 'lease' });
    await recordReaches(stack, lost.id, 'DELETED');
  });

  it('sends no reminder to a cluster deleted by hand before its end', async () => {
    const stack = getStack();
    const { slack } = standIns(stack);
    const { record, thread } = await runningWithLease('lease-gone');
    await slack.command(slack.users.requester, '/maas', 'delete lease-gone');
    const confirmation = slack.views(slack.users.requester).at(-1)!;
    await slack.submit(slack.users.requester, confirmation.id, { [CONFIRM_NAME_BLOCK]: 'lease-gone' });
    await recordReaches(stack, record.id, 'DELETED');
    skipTo(record.lease.endsAt, 5 * MINUTE);
    await stack.deps.jobs.dispatch({ kind: 'lease', clusterId: record.id });
    skipTo(record.lease.endsAt);
    await stack.deps.jobs.dispatch({ kind: 'lease', clusterId: record.id });
    await stack.idle();
    expect(threadShown(stack, thread).filter((text) => /alarm_clock|lease of/.test(text))).toEqual([]);
  });
});

/** What a command answered (the ephemeral text), as shown. */
function answered(result: { body: unknown }): string {
  return shown(result.body as { text: string; blocks?: never });
}

describe('lease commands', () => {
  it('shows the lease; extends within the maximum; beyond it asks the approvers, whose quorum extends it or whose no leaves it', async () => {
    const stack = getStack();
    const { slack } = standIns(stack);
    const { record, thread } = await runningWithLease('lease-cmd');
    const { requester, approver, admin } = slack.users;

    expect(answered(await slack.command(requester, '/maas', 'lease lease-cmd'))).toContain(
      'Reminders come 5 minutes and 2 minutes before the end.',
    );
    expect(answered(await slack.command(requester, '/maas', 'extend lease-cmd soon'))).toContain(
      'a duration such as 90s, 30m, 24h, 3d or 1w',
    );
    // Within the 3-day maximum: the end moves at once.
    expect(answered(await slack.command(requester, '/maas', 'extend lease-cmd 36h'))).toContain(
      'now runs until',
    );
    const within = (await stack.deps.store.get(record.id))!;
    expect(Date.parse(within.lease!.endsAt!) - Date.parse(record.lease.endsAt)).toBe(36 * 3_600_000);

    // Beyond it: a modal asks why, then a card goes to the approvers.
    await slack.command(requester, '/maas', 'extend lease-cmd 1w');
    const form = slack.views(requester).at(-1)!;
    expect(shown(form.view as never)).toContain('goes beyond its team');
    await slack.submit(requester, form.id, { [EXTENSION_REASON_BLOCK]: 'load tests <until> Friday' });
    const asked = await recordWhen(stack, record.id, (r) => r.lease?.extension?.card !== undefined, 'a card');
    const card = asked.lease!.extension!.card!;
    expect(shown(messageAt(stack, card))).toContain('load tests &lt;until&gt; Friday');
    expect(buttons(messageAt(stack, card))).toEqual([APPROVE_EXTENSION_ACTION, REJECT_EXTENSION_ACTION]);
    // The requester may not approve it; an approver does (a quorum of one here).
    await slack.click(requester, card, APPROVE_EXTENSION_ACTION);
    expect((await stack.deps.store.get(record.id))!.lease!.endsAt).toBe(within.lease!.endsAt);
    await slack.click(approver, card, APPROVE_EXTENSION_ACTION);
    const approved = await recordWhen(
      stack,
      record.id,
      (r) => r.lease?.endsAt !== within.lease!.endsAt,
      'extended',
    );
    expect(Date.parse(approved.lease!.endsAt!) - Date.parse(within.lease!.endsAt!)).toBe(7 * 86_400_000);
    await slack.waitFor(() => buttons(messageAt(stack, card)).length === 0 || undefined);
    await threadMessage(thread, (text) => text.includes('approved extending *lease-cmd* by 1 week'));

    // The lease's end on /maas status, /maas list and App Home.
    expect(answered(await slack.command(requester, '/maas', 'status lease-cmd'))).toContain(
      ':hourglass: Lease: until',
    );
    expect(answered(await slack.command(requester, '/maas', 'list'))).toMatch(
      /\*lease-cmd\* — .* · lease ends \w{3} \d{1,2} \w{3} \d\d:\d\d UTC · <@/,
    );
    await stack.deps.jobs.dispatch({ kind: 'home', userId: requester });
    await stack.idle();
    expect(shown(slack.home(requester)!.view as never)).toMatch(/lease-cmd.* · lease ends /);

    // A second request, rejected: the lease is unchanged.
    await slack.command(requester, '/maas', 'extend lease-cmd 1w');
    await slack.submit(requester, slack.views(requester).at(-1)!.id, {
      [EXTENSION_REASON_BLOCK]: 'more tests',
    });
    const again = await recordWhen(
      stack,
      record.id,
      (r) => r.lease?.extension?.card !== undefined && r.lease.extension.decision === undefined,
      'a second card',
    );
    await slack.click(approver, again.lease!.extension!.card!, REJECT_EXTENSION_ACTION);
    await threadMessage(thread, (text) => text.includes('rejected extending *lease-cmd* by 1 week'));
    expect((await stack.deps.store.get(record.id))!.lease!.endsAt).toBe(approved.lease!.endsAt);

    // keep: admins only, recorded with who and why; the lease then has no end to act on.
    expect(answered(await slack.command(requester, '/maas', 'lease lease-cmd keep demo'))).toContain('Only');
    expect(answered(await slack.command(admin, '/maas', 'lease lease-cmd keep demo on Friday'))).toContain(
      'now has no expiry',
    );
    const kept = (await stack.deps.store.get(record.id))!;
    expect(kept.lease!.kept).toMatchObject({ by: admin, reason: 'demo on Friday' });
    expect(kept.history.at(-1)).toMatchObject({ event: 'lease-kept', by: admin, detail: 'demo on Friday' });
    skipTo(kept.lease!.endsAt!);
    await stack.deps.jobs.dispatch({ kind: 'lease', clusterId: record.id });
    await stack.idle();
    expect((await stack.deps.store.get(record.id))!.state).toBe('RUNNING');
  });
});
