import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RecordedMetrics, recordedMetrics } from '../../test/support/metrics';
import { silentLogger, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, testConfig } from '../../test/support/slack';
import { type SlackEmulator, startSlackEmulator } from '../local/slack/emulator';
import { createSlackWebClient } from './client';

let emulator: SlackEmulator;
let recorded: RecordedMetrics;

beforeAll(async () => {
  emulator = await startSlackEmulator({ signingSecret: TEST_SIGNING_SECRET, botToken: TEST_BOT_TOKEN });
});
afterAll(() => emulator.close());
beforeEach(() => {
  recorded = recordedMetrics();
});

/**
 * Posts through a fresh client; each test posts in its own channel, since the clients share the workspace's
 * per-channel pace (src/slack/limits.ts) and these tests are not about it.
 */
const post = (budgetMs: number, text: string, channel: keyof SlackEmulator['channels'] = 'requests') =>
  createSlackWebClient(testConfig(emulator), silentLogger(), budgetMs, recorded.metrics).chat.postMessage({
    channel: emulator.channels[channel],
    text,
  });

describe('createSlackWebClient', () => {
  it('calls the Web API at SLACK_API_URL with the bot token', async () => {
    await post(2_000, 'hello');
    expect(emulator.calls('chat.postMessage').at(-1)).toMatchObject({ ok: true, args: { text: 'hello' } });
  });

  it('waits out a 429 whose Retry-After fits the budget, then succeeds', async () => {
    emulator.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const result = await post(5_000, 'after a rate limit', 'approvals');
    expect(result.ok).toBe(true);
    expect(
      emulator
        .calls('chat.postMessage')
        .slice(-2)
        .map((call) => call.status),
    ).toEqual([429, 200]);
    // Counted once, by method: the hook sees every 429, waited out or not.
    expect(recorded.values('SlackRateLimited', { method: 'chat.postMessage' })).toEqual([1]);
  });

  it('gives up at once with Slack’s ratelimited error when Retry-After exceeds the budget', async () => {
    emulator.failNext('chat.postMessage', { status: 429, retryAfter: 600 });
    const before = emulator.calls('chat.postMessage').length;
    const error = await post(2_000, 'never sent', 'dataRequests').catch(
      (failure: { data?: { error?: string } }) => failure,
    );
    expect((error as { data?: { error?: string } }).data?.error).toBe('ratelimited');
    expect(emulator.calls('chat.postMessage')).toHaveLength(before + 1);
    expect(recorded.values('SlackRateLimited', { method: 'chat.postMessage' })).toEqual([1]);
  });

  it('does not retry Slack’s ok:false answers (they would fail the same way again)', async () => {
    emulator.failNext('chat.postMessage', { error: 'channel_not_found' });
    const before = emulator.calls('chat.postMessage').length;
    await expect(post(2_000, 'x', 'dataApprovals')).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    expect(emulator.calls('chat.postMessage')).toHaveLength(before + 1);
    expect(recorded.find('SlackRateLimited')).toEqual([]);
  });
});
