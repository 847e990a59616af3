import type { Logger } from '@aws-lambda-powertools/logger';
import type { AnyMiddlewareArgs } from '@slack/bolt';
import { type FetchFunction, WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../src/config';
import { SLACK_BUDGET_MS, slackClientOptions } from '../../src/slack/client';
import type { ClusterStore } from '../../src/store/port';
import { recordingJobs } from '../support/dynalite';
import { type SlackHarness, silentLogger, startSlackHarness, unusedPort } from '../support/slack';

/**
 * The bot ignores the events it causes itself (Bolt's ignoreSelf), knowing who it is from configuration or from
 * one `auth.test` asked at cold start — which no request but an event ever waits for.
 */

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** The bot's ids left unset (blank counts as unset): it has to learn them. */
const UNKNOWN_IDS = { SLACK_BOT_ID: '', SLACK_BOT_USER_ID: '' };

/** A fetch for the bot's Web API client that holds auth.test until released, or answers it with an error. */
function authTestGate(answer: 'hold' | 'fail') {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let asked = () => {};
  const askedOnce = new Promise<void>((resolve) => {
    asked = resolve;
  });
  const fetchFn: FetchFunction = async (url, init) => {
    if (!String(url).endsWith('/auth.test')) return fetch(url, init);
    asked();
    if (answer === 'fail') return Response.json({ ok: false, error: 'fatal_error' });
    await released;
    return fetch(url, init);
  };
  // A worker's budget: a held auth.test must not time out (and be asked again) while the test runs.
  const slack = (config: Config, logger: Logger) =>
    new WebClient(config.slack.botToken, {
      ...slackClientOptions(config, logger, SLACK_BUDGET_MS.worker),
      fetch: fetchFn,
    });
  return { slack, askedOnce, release };
}

/** Events as Slack sends them, from the bot itself and from a person. */
const events = (h: SlackHarness) => ({
  botOpensHome: { type: 'app_home_opened', user: h.emulator.bot.userId, tab: 'home' },
  personOpensHome: { type: 'app_home_opened', user: h.emulator.users.requester, tab: 'home' },
  botMessage: {
    type: 'message',
    subtype: 'bot_message',
    bot_id: h.emulator.bot.botId,
    channel: h.emulator.channels.requests,
    text: 'posted by the bot',
  },
  personMessage: {
    type: 'message',
    user: h.emulator.users.requester,
    channel: h.emulator.channels.requests,
    text: 'typed by a person',
  },
});

/** Records every event that gets past the own-events check (Bolt runs middleware in the order it was added). */
function seenEvents(h: SlackHarness): Record<string, unknown>[] {
  const seen: Record<string, unknown>[] = [];
  h.app.use(async (args: AnyMiddlewareArgs & { next: () => Promise<void> }) => {
    if ('event' in args && args.event) seen.push(args.event as unknown as Record<string, unknown>);
    await args.next();
  });
  return seen;
}

describe("the bot's own events", () => {
  it('are ignored with the ids from configuration, and no auth.test is asked', async () => {
    const jobs = recordingJobs();
    harness = await startSlackHarness({ store: unusedPort<ClusterStore>('store'), jobs });
    const seen = seenEvents(harness);
    const { botOpensHome, personOpensHome, botMessage, personMessage } = events(harness);
    for (const event of [botOpensHome, botMessage, personOpensHome, personMessage])
      expect((await harness.emulator.event(event)).status).toBe(200);
    expect(seen.map((event) => [event.type, event.user ?? event.bot_id])).toEqual([
      ['app_home_opened', harness.emulator.users.requester],
      ['message', harness.emulator.users.requester],
    ]);
    expect(jobs.dispatched).toEqual([{ kind: 'home', userId: harness.emulator.users.requester }]);
    expect(harness.emulator.calls('auth.test')).toEqual([]);
  });

  it('learns its ids with one auth.test started at cold start, which holds back no command', async () => {
    const gate = authTestGate('hold');
    const jobs = recordingJobs();
    harness = await startSlackHarness({
      store: unusedPort<ClusterStore>('store'),
      jobs,
      env: UNKNOWN_IDS,
      slack: gate.slack,
    });
    // Asked while the app was built, before any request came in.
    await gate.askedOnce;
    const seen = seenEvents(harness);
    const help = await harness.emulator.command(harness.emulator.users.requester, '/maas', 'help');
    expect(help.status).toBe(200);
    expect(JSON.stringify(help.body)).toContain('/maas create-cluster');
    // The command was answered while auth.test was still held: it never waited for the ids.
    expect(harness.emulator.calls('auth.test')).toEqual([]);

    const { botOpensHome, personOpensHome } = events(harness);
    const botEvent = harness.emulator.event(botOpensHome);
    gate.release();
    expect((await botEvent).status).toBe(200);
    expect((await harness.emulator.event(personOpensHome)).status).toBe(200);
    expect(seen.map((event) => event.user)).toEqual([harness.emulator.users.requester]);
    expect(jobs.dispatched).toEqual([{ kind: 'home', userId: harness.emulator.users.requester }]);
    expect(harness.emulator.calls('auth.test').map((call) => call.ok)).toEqual([true]);
  });

  it('go through, with a warning, while auth.test keeps failing (nothing the bot subscribes to can loop)', async () => {
    const gate = authTestGate('fail');
    const jobs = recordingJobs();
    const logger = silentLogger();
    const warn = vi.spyOn(logger, 'warn');
    harness = await startSlackHarness({
      store: unusedPort<ClusterStore>('store'),
      jobs,
      env: UNKNOWN_IDS,
      slack: gate.slack,
      logger,
    });
    await gate.askedOnce;
    expect((await harness.emulator.event(events(harness).botOpensHome)).status).toBe(200);
    expect(jobs.dispatched).toEqual([{ kind: 'home', userId: harness.emulator.bot.userId }]);
    expect(warn).toHaveBeenCalledWith(
      "The bot's identity is unknown: this event is not checked for being its own.",
      expect.objectContaining({ error: expect.anything() }),
    );
  });
});
