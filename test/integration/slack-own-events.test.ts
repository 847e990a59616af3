import type { AnyMiddlewareArgs } from '@slack/bolt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClusterStore } from '../../src/store/port';
import { recordingJobs } from '../support/dynalite';
import { type SlackHarness, silentLogger, startSlackHarness, unusedPort } from '../support/slack';

/**
 * The bot ignores the events it causes itself (Bolt's ignoreSelf), knowing who it is from configuration or from
 * one `auth.test`, asked by the first event — never by a command or a click.
 */

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** The bot's ids left unset (blank counts as unset): it has to learn them. */
const UNKNOWN_IDS = { SLACK_BOT_ID: '', SLACK_BOT_USER_ID: '' };

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

/** Sends the bot's own events and a person's: only the person's reach the listeners (and dispatch a job). */
async function onlyThePersonsEventsGetThrough(h: SlackHarness, jobs: ReturnType<typeof recordingJobs>) {
  const seen = seenEvents(h);
  const { botOpensHome, personOpensHome, botMessage, personMessage } = events(h);
  for (const event of [botOpensHome, botMessage, personOpensHome, personMessage])
    expect((await h.emulator.event(event)).status).toBe(200);
  expect(seen.map((event) => [event.type, event.user ?? event.bot_id])).toEqual([
    ['app_home_opened', h.emulator.users.requester],
    ['message', h.emulator.users.requester],
  ]);
  expect(jobs.dispatched).toEqual([{ kind: 'home', userId: h.emulator.users.requester }]);
}

describe("the bot's own events", () => {
  it('are ignored with the ids from configuration, and no auth.test is asked', async () => {
    const jobs = recordingJobs();
    harness = await startSlackHarness({ store: unusedPort<ClusterStore>('store'), jobs });
    await onlyThePersonsEventsGetThrough(harness, jobs);
    expect(harness.emulator.calls('auth.test')).toEqual([]);
  });

  it('are ignored with the ids one auth.test learns, asked by the first event and never by a command', async () => {
    const jobs = recordingJobs();
    harness = await startSlackHarness({ store: unusedPort<ClusterStore>('store'), jobs, env: UNKNOWN_IDS });
    const help = await harness.emulator.command(harness.emulator.users.requester, '/maas', 'help');
    expect(help.status).toBe(200);
    expect(JSON.stringify(help.body)).toContain('/maas create-cluster');
    expect(harness.emulator.calls('auth.test')).toEqual([]);

    await onlyThePersonsEventsGetThrough(harness, jobs);
    expect(harness.emulator.calls('auth.test').map((call) => call.ok)).toEqual([true]);
  });

  it('go through with a warning while auth.test fails, and are ignored once it answers', async () => {
    const jobs = recordingJobs();
    const logger = silentLogger();
    const warn = vi.spyOn(logger, 'warn');
    harness = await startSlackHarness({
      store: unusedPort<ClusterStore>('store'),
      jobs,
      env: UNKNOWN_IDS,
      logger,
    });
    harness.emulator.failNext('auth.test', { error: 'fatal_error' });
    const { botOpensHome } = events(harness);
    // Unknown identity: the event is handled (what the bot subscribes to cannot loop), with a warning.
    expect((await harness.emulator.event(botOpensHome)).status).toBe(200);
    expect(jobs.dispatched).toEqual([{ kind: 'home', userId: harness.emulator.bot.userId }]);
    expect(warn).toHaveBeenCalledWith(
      "The bot's identity is unknown: this event is not checked for being its own.",
      expect.objectContaining({ error: expect.anything() }),
    );
    // The next event asks again, learns the ids and drops the bot's own event.
    expect((await harness.emulator.event(botOpensHome)).status).toBe(200);
    expect(jobs.dispatched).toHaveLength(1);
    expect(harness.emulator.calls('auth.test').map((call) => call.ok)).toEqual([false, true]);
  });
});
