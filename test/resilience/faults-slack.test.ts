import { describe, expect, it } from 'vitest';
import type { ApiCall } from '../../src/local/slack/types';
import { SLACK_BUDGET_MS } from '../../src/slack/client';
import { TIER_WINDOW_MS } from '../../src/slack/limits';
import {
  messageAt,
  standIns,
  storeRequest,
  submitRequest,
  submittedOf,
} from '../integration/approvals.support';
import { SLACK_TEST_WINDOW_SCALE as SCALE, useStack } from '../support/stack';
import { until } from '../support/wait';

const getStack = useStack();

/** The bot's chat.postMessage calls to `channel` since `from` (an index into the calls). */
const postsTo = (calls: ApiCall[], channel: string) =>
  calls.filter((call) => call.method === 'chat.postMessage' && call.args.channel === channel);

describe('Slack answering 429 with Retry-After', () => {
  it('delivers the message later, after the wait Slack asked for (within the job’s budget)', async () => {
    const stack = getStack();
    const { slack } = standIns(stack);
    const from = slack.calls().length;
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const { record, card } = await submitRequest(stack, { name: 'slow-slack-1' });

    const posts = slack
      .calls()
      .slice(from)
      .filter((call) => call.method === 'chat.postMessage');
    const [limited, ...rest] = posts;
    expect(limited).toMatchObject({ ok: false, status: 429, error: 'ratelimited' });
    const retried = rest.find((call) => call.ok && call.args.channel === limited!.args.channel);
    expect(retried).toBeDefined();
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(1_000);
    // Delivered once: the card and the request message are there, and not twice.
    expect(messageAt(stack, card)).toBeDefined();
    expect(postsTo(slack.calls().slice(from), card.channel).filter((call) => call.ok)).toHaveLength(1);
    expect(
      slack.messages(record.slack.channel).filter((message) => message.text.includes('slow-slack-1')),
    ).toHaveLength(1);
  });

  it('never holds a worker job past its budget: a longer Retry-After fails the call at once, and the job runs again a tier window later', async () => {
    const stack = getStack();
    const { slack } = standIns(stack);
    const retryAfterSeconds = (SLACK_BUDGET_MS.worker / 1000) * 6;
    const from = slack.calls().length;
    slack.failNext('chat.postMessage', { status: 429, retryAfter: retryAfterSeconds });
    const stored = await storeRequest(stack, { name: 'slow-slack-2' });
    // Put off, not failed: the schedule runs it again once Slack's window has room (scaled in tests).
    const { card } = await until(
      'the card and the request message, posted by the deferred review',
      async () => submittedOf((await stack.deps.store.get(stored.id))!),
    );

    const posts = slack
      .calls()
      .slice(from)
      .filter((call) => call.method === 'chat.postMessage');
    const limited = posts.find((call) => call.status === 429)!;
    const delivered = posts.find((call) => call.ok && call.args.channel === limited.args.channel)!;
    expect(delivered).toBeDefined();
    // Delivered long before Slack's Retry-After, so nothing waited for it: the job gave up at once and was put off.
    expect(delivered.at - limited.at).toBeLessThan(retryAfterSeconds * 1_000);
    expect(delivered.at - limited.at).toBeGreaterThanOrEqual(TIER_WINDOW_MS * SCALE);
    expect(messageAt(stack, card)).toBeDefined();
    expect(postsTo(slack.calls().slice(from), card.channel).filter((call) => call.ok)).toHaveLength(1);
  });

  it('never holds a listener past Slack’s 3-second window: a long Retry-After on views.open becomes a kind answer at once', async () => {
    const { slack } = standIns(getStack());
    slack.failNext('views.open', { status: 429, retryAfter: 30 });
    const result = await slack.command(slack.users.requester, '/maas', 'create-cluster');
    // The emulator gives up after Slack's 3 s, as Slack does (error: 'timeout'): the answer came before that.
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(200);
    expect((result.body as { text: string }).text).toContain('run `/maas create-cluster` again');
    expect(slack.calls('views.open').at(-1)).toMatchObject({ status: 429, error: 'ratelimited' });
  });
});
