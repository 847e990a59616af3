import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { type SlackEmulator, startSlackEmulator } from '../../src/local/slack/emulator';
import { fetchWithinLimits, SlackLimiter } from '../../src/slack/limiter';
import { CHANNEL_POSTS, SLACK_TIER_PER_MINUTE } from '../../src/slack/limits';

/**
 * The bot's Slack budget against the workspace emulator enforcing Slack's rate limits (429 + Retry-After beyond a
 * method's tier or a channel's pace): the WebClient's calls go through the limiter exactly as the bot's do.
 */

const TOKEN = 'xoxb-limits-test';
const emulators: SlackEmulator[] = [];
afterEach(async () => {
  for (const emulator of emulators.splice(0)) await emulator.close();
});

/** An emulator with Slack's limits (windows shrunk by `windowScale`), and a client paced by a fresh limiter. */
async function workspace(windowScale: number) {
  const slack = await startSlackEmulator({
    signingSecret: 'limits',
    botToken: TOKEN,
    rateLimits: { windowScale },
  });
  emulators.push(slack);
  const client = new WebClient(TOKEN, {
    slackApiUrl: slack.apiUrl,
    fetch: fetchWithinLimits(new SlackLimiter({ windowScale }), Number.POSITIVE_INFINITY, fetch),
  });
  return { slack, client };
}

const sent = (slack: SlackEmulator, method: string) =>
  slack.calls(method).filter((call) => call.status === 200);

// Paced by Slack's windows (shrunk, but real time): 7–13 s on any machine; the budget is for that pacing plus a
// loaded machine's share (stress runs: test:stress flagged the default 30 s).
describe('Slack limits (emulator enforcing tiers and per-channel pace)', { timeout: 90_000 }, () => {
  it('paces chat.postMessage per channel: a burst of milestones lands in order, none refused, none dropped', async () => {
    const { slack, client } = await workspace(1);
    const { requests, approvals } = slack.channels;
    const parent = await client.chat.postMessage({ channel: requests, text: 'request' });
    const thread = parent.ts!;
    const burst = CHANNEL_POSTS.limit * 2 + 1;
    const milestones = Array.from({ length: burst }, (_, n) => `milestone ${n + 1}`);
    // All at once, as concurrent jobs would; another channel's post does not wait behind this channel's queue.
    const other = client.chat.postMessage({ channel: approvals, text: 'elsewhere' });
    await Promise.all([
      ...milestones.map((text) => client.chat.postMessage({ channel: requests, thread_ts: thread, text })),
      other,
    ]);
    expect(slack.rateLimited()).toEqual({});
    const replies = slack.messages(requests, { threadTs: thread }).slice(1);
    expect(replies.map((message) => message.text)).toEqual(milestones);
    // The other channel's post went in the first window, before most of the burst.
    const elsewhereAt = slack.calls('chat.postMessage').find((call) => call.args.channel === approvals)!.at;
    const lastAt = sent(slack, 'chat.postMessage').at(-1)!.at;
    expect(elsewhereAt).toBeLessThan(lastAt);
  });

  it('keeps chat.update inside Tier 3 and coalesces edits of one message: the newest wins, same text is not sent', async () => {
    // Windows shrunk fivefold on both sides (Tier 3: 50 calls in 12 s), so the test does not wait a minute.
    const { slack, client } = await workspace(0.2);
    const channel = slack.channels.requests;
    const watched = (await client.chat.postMessage({ channel, text: 'status' })).ts!;
    const other = (await client.chat.postMessage({ channel, text: 'other' })).ts!;
    // Fill the Tier 3 window with edits of another message, one after the other (none waits for another)...
    for (let n = 1; n <= SLACK_TIER_PER_MINUTE[3]; n++)
      await client.chat.update({ channel, ts: other, text: `filled ${n}` });
    // ...then five progress edits of one message while it is full: only the newest may reach Slack.
    const edits = [1, 2, 3, 4, 5].map((n) =>
      client.chat.update({ channel, ts: watched, text: `progress ${n}/5` }),
    );
    const answers = await Promise.all(edits);
    expect(slack.rateLimited()).toEqual({});
    const watchedEdits = sent(slack, 'chat.update').filter((call) => call.args.ts === watched);
    expect(watchedEdits.map((call) => call.args.text)).toEqual(['progress 5/5']);
    expect(answers.every((answer) => answer.ok)).toBe(true);
    // The newest waited for the window: it went after the 50 edits that filled it.
    expect(sent(slack, 'chat.update').at(-1)!.args.text).toBe('progress 5/5');
    expect(slack.messages(channel).find((message) => message.ts === watched)!.text).toBe('progress 5/5');

    // An edit that shows what the message already shows is answered without a call.
    const before = slack.calls('chat.update').length;
    expect((await client.chat.update({ channel, ts: watched, text: 'progress 5/5' })).ok).toBe(true);
    expect(slack.calls('chat.update')).toHaveLength(before);
  });
});
