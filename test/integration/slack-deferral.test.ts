import { describe, expect, it } from 'vitest';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { useStack } from '../support/stack';
import { buttons, shown, standIns, submitRequest, threadShown } from './approvals.support';

/**
 * Work Slack's budget has no room for (a call answered `ratelimited`, or whose slot did not come within the job's
 * budget) is put off a tier window, never lost: a notice's claim is given back so the later run posts it once, and
 * a milestone's edits never hold the thread's notice back.
 */

const getStack = useStack();

/** The approval notice in a thread (decisionNotice: "… approved … Creating it in Palette now."). */
const approvalNotices = (messages: { text: string }[]) =>
  messages.filter((message) => message.text.includes('Creating it in Palette now.'));

describe('Slack has no room: the job runs again later', () => {
  it('posts a notice Slack refused for rate exactly once, a window later (its claim given back)', async () => {
    const stack = getStack();
    const { slack } = standIns(stack);
    const { card, thread } = await submitRequest(stack, { name: 'budget-notice' });
    const from = slack.calls().length;
    // The approval's notice is the next post in this thread: Slack refuses it for rate once.
    slack.failNext('chat.postMessage', { error: 'ratelimited' });
    await slack.click(slack.users.approver, card, APPROVE_ACTION);
    await slack.waitFor(
      () => approvalNotices(slack.messages(thread.channel, { threadTs: thread.ts })).length > 0,
    );
    await stack.idle();

    const refused = slack
      .calls()
      .slice(from)
      .filter((call) => call.method === 'chat.postMessage' && call.error === 'ratelimited');
    expect(refused).toHaveLength(1);
    const refusedAt = refused[0]!.at;
    const notices = approvalNotices(slack.messages(thread.channel, { threadTs: thread.ts }));
    expect(notices).toHaveLength(1);
    // The one refused was either the notice itself (posted again later) or another post of these jobs (redone).
    const posted = slack
      .calls()
      .slice(from)
      .filter((call) => call.method === 'chat.postMessage' && call.ok && call.at > refusedAt);
    expect(posted.length).toBeGreaterThan(0);
  });

  it('does not hold the thread’s notice behind a card edit Slack has no room for: the card is redrawn later', async () => {
    const stack = getStack();
    const { slack } = standIns(stack);
    const { card, thread } = await submitRequest(stack, { name: 'budget-card' });
    const from = slack.calls().length;
    // The decision's first edit (the card or the request message) is refused for rate.
    slack.failNext('chat.update', { error: 'ratelimited' });
    await slack.click(slack.users.approver, card, APPROVE_ACTION);
    const notice = await slack.waitFor(
      () => approvalNotices(slack.messages(thread.channel, { threadTs: thread.ts }))[0],
    );
    // Redrawn from the freshest record by the `summaries` job, a (scaled) tier window later.
    await slack.waitFor(() => {
      const cardNow = slack.messages(card.channel).find((message) => message.ts === card.ts);
      return cardNow && shown(cardNow).includes('Approved by') && !buttons(cardNow).includes(APPROVE_ACTION);
    });
    await stack.idle();
    const calls = slack.calls().slice(from);
    const refusedAt = calls.findIndex(
      (call) => call.method === 'chat.update' && call.error === 'ratelimited',
    );
    const noticeAt = calls.findIndex(
      (call) => call.method === 'chat.postMessage' && call.args.text === notice.text,
    );
    expect(refusedAt).toBeGreaterThanOrEqual(0);
    // The notice went at once, before the summaries were redrawn.
    const redrawnAt = calls.findLastIndex(
      (call) => call.method === 'chat.update' && call.ok && call.args.ts === card.ts,
    );
    expect(noticeAt).toBeGreaterThan(refusedAt);
    expect(redrawnAt).toBeGreaterThan(noticeAt);
    expect(approvalNotices(slack.messages(thread.channel, { threadTs: thread.ts }))).toHaveLength(1);
  });

  it('posts the Running notice before the summaries’ edits, which share chat.update’s tier with every thread', async () => {
    const stack = getStack();
    const { slack } = standIns(stack);
    const { record, card, thread } = await submitRequest(stack, { name: 'budget-running' });
    const from = slack.calls().length;
    await slack.click(slack.users.approver, card, APPROVE_ACTION);
    await slack.waitFor(() => threadShown(stack, thread).find((text) => text.startsWith(':tada:')));
    await stack.idle();
    const { statusTs } = (await stack.deps.store.get(record.id))!.slack;
    const calls = slack.calls().slice(from);
    const noticeAt = calls.findIndex(
      (call) => call.method === 'chat.postMessage' && String(call.args.text).startsWith(':tada:'),
    );
    const runningEdits = calls.flatMap((call, index) =>
      call.method === 'chat.update' && String(call.args.text).includes(':large_green_circle:') ? [index] : [],
    );
    const statusRunningAt = calls.findIndex(
      (call) =>
        call.method === 'chat.update' &&
        call.args.ts === statusTs &&
        String(call.args.text).includes('Running'),
    );
    expect(noticeAt).toBeGreaterThanOrEqual(0);
    expect(statusRunningAt).toBeGreaterThan(noticeAt);
    expect(runningEdits.every((index) => index > noticeAt)).toBe(true);
  });
});
