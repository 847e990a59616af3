import { setTimeout as sleep } from 'node:timers/promises';
import { startLocalStack } from '../../src/local/stack';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { CHANNEL_POSTS } from '../../src/slack/limits';
import {
  catalogSpec,
  type Submitted,
  standIns,
  storeRequest,
  submittedOf,
} from '../../test/integration/approvals.support';
import { goal, type Section } from '../lib/report';
import { percentileCells, round } from '../lib/stats';

/** The goals the issue states for the burst. */
const GOALS = { approveWithinMs: 60_000, runningNoticeWithinMs: 120_000 } as const;

/** How often the simulator's clusters are looked at for the moment each turns Running (it has no change events). */
const SAMPLE_MS = 200;

/** When a Slack message was posted, from its ts (seconds since the epoch, with microseconds). */
const postedAt = (ts: string) => Number(ts) * 1000;

/**
 * Burst: `count` requests waiting on their cards, then approved within one minute (clicks spread evenly, each
 * answered on its own), through the Slack emulator with Slack's tiers enforced at their real windows and the
 * Palette simulator with Palette's limits, at the playground's pace (a cluster runs about a minute after its
 * create), polls at the default interval. Measured until every thread shows its Running notice.
 */
export async function burstSection(options: { count: number; deadlineMs: number }): Promise<Section> {
  const stack = await startLocalStack({ env: {}, port: 0, reconcileIntervalMs: 0 });
  try {
    const { slack, palette } = standIns(stack);
    const catalog = await catalogSpec(stack);
    const setupStarted = Date.now();
    const stored = await Promise.all(
      Array.from({ length: options.count }, (_, index) =>
        storeRequest(stack, { name: `burst-${index + 1}`, catalog }),
      ),
    );
    // Every review posts a card and a request message (one chat.postMessage each, per channel about one a second):
    // the reviews Slack's pace has no room for run again a minute later.
    const submitted: Submitted[] = [];
    for (const record of stored)
      for (;;) {
        const done = submittedOf((await stack.deps.store.get(record.id))!);
        if (done) {
          submitted.push(done);
          break;
        }
        await sleep(500);
      }
    const setupSeconds = (Date.now() - setupStarted) / 1000;
    const callsBefore = slack.workspace.calls.length;

    // Palette's Running moment per cluster, sampled while the burst runs.
    const runningAt = new Map<string, number>();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const now = Date.now();
        for (const cluster of palette.clusters())
          if (cluster.state === 'Running' && !runningAt.has(cluster.name)) runningAt.set(cluster.name, now);
        await sleep(SAMPLE_MS);
      }
    })();

    const spacingMs = GOALS.approveWithinMs / options.count;
    const burstStarted = Date.now();
    const acks: number[] = [];
    const answers = await Promise.all(
      submitted.map(async ({ card }, index) => {
        await sleep(index * spacingMs);
        const clicked = Date.now();
        const reply = await slack.click(slack.users.approver, card, APPROVE_ACTION);
        acks.push(Date.now() - clicked);
        return reply;
      }),
    );
    const lastClickSeconds = (Date.now() - burstStarted) / 1000;
    const refusedClicks = answers.filter((reply) => reply.status !== 200 || reply.error !== undefined).length;

    const noticeOf = (thread: Submitted['thread']) =>
      slack.workspace.messages.find(
        (message) =>
          message.channel === thread.channel &&
          message.threadTs === thread.ts &&
          message.text.includes(' is running'),
      );
    const deadline = Date.now() + options.deadlineMs;
    while (Date.now() < deadline && !submitted.every(({ thread }) => noticeOf(thread))) await sleep(500);
    await stack.idle();
    sampling = false;
    await sampler;
    const finishedSeconds = (Date.now() - burstStarted) / 1000;

    const delays: number[] = [];
    let missing = 0;
    for (const { record, thread } of submitted) {
      const notice = noticeOf(thread);
      const running = runningAt.get(record.name);
      if (!notice || running === undefined) missing++;
      else delays.push(postedAt(notice.ts) - running);
    }
    const burstCalls = slack.workspace.calls.slice(callsBefore);
    const byMethod = new Map<string, { ok: number; refused: number }>();
    for (const call of burstCalls) {
      const counted = byMethod.get(call.method) ?? { ok: 0, refused: 0 };
      if (call.status === 429) counted.refused++;
      else counted.ok++;
      byMethod.set(call.method, counted);
    }
    const updatesPerCluster = await Promise.all(
      submitted.map(async ({ record }) => {
        const stored = (await stack.deps.store.get(record.id))!;
        const own = new Set(
          [stored.slack.approvalTs, stored.slack.threadTs, stored.slack.statusTs].filter(
            (ts) => ts !== undefined,
          ),
        );
        return burstCalls.filter(
          (call) => call.method === 'chat.update' && call.status !== 429 && own.has(String(call.args.ts)),
        ).length;
      }),
    );
    const counters = palette.counters();
    const creates = counters.byOperation.create ?? 0;
    const slack429 = Object.values(slack.rateLimited()).reduce((sum, count) => sum + count, 0);
    const palette429 = counters.tooManyRequests.enforced;
    const worst = Math.max(...delays, 0);
    const updates = updatesPerCluster.reduce((sum, count) => sum + count, 0);
    const threadPosts = burstCalls.filter(
      (call) =>
        call.method === 'chat.postMessage' && call.ok && call.args.channel === slack.channels.requests,
    ).length;

    return {
      title: `Burst: ${options.count} requests approved within one minute`,
      method:
        `Local stack with Slack's tiers enforced at their real windows (the emulator answers 429 beyond a method's ` +
        'tier per workspace and beyond chat.postMessage’s pace per channel) and Palette’s documented limits (the ' +
        `simulator, at the playground’s pace: a cluster runs about a minute after its create; polls every ` +
        `${stack.deps.config.pollIntervalSeconds} s). ${options.count} requests of one team reviewed and on their ` +
        `cards (${round(setupSeconds)} s: every card and request message is a chat.postMessage in its channel), ` +
        `then an approver clicks Approve on each, one every ${round(spacingMs)} ms without waiting for the last; ` +
        'measured until every thread shows its Running notice. "Running → notice" runs from the moment the simulator ' +
        `first showed the cluster Running (sampled every ${SAMPLE_MS} ms) to the notice’s ts in the thread.`,
      header: ['measure', 'p50', 'p99', 'max', 'n'],
      rows: [
        ['click ack (round trip), ms', ...percentileCells(acks)],
        [
          'Palette Running → Running notice in the thread, s',
          ...percentileCells(delays.map((ms) => ms / 1000)),
        ],
        [
          'chat.update calls per cluster (card, request message, status)',
          ...percentileCells(updatesPerCluster),
        ],
      ],
      tables: [
        {
          caption: 'Slack calls from the first click to the last notice, by method (429 = refused for rate):',
          header: ['method', 'calls', '429'],
          rows: [...byMethod.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([method, counted]) => [method, String(counted.ok), String(counted.refused)]),
        },
      ],
      notes: [
        goal(
          `${options.count} approvals within one minute, 0 Slack 429s, 0 Palette 429s, exactly ${options.count} creates`,
          lastClickSeconds <= GOALS.approveWithinMs / 1000 + 1 &&
            refusedClicks === 0 &&
            slack429 === 0 &&
            palette429 === 0 &&
            creates === options.count,
          `last click answered ${round(lastClickSeconds)} s after the first, ${refusedClicks} clicks refused; ` +
            `${slack429} Slack 429s; ${palette429} Palette 429s; ${creates} creates`,
        ),
        goal(
          `every thread shows its Running notice within ${GOALS.runningNoticeWithinMs / 1000} s of Palette’s Running`,
          missing === 0 && worst <= GOALS.runningNoticeWithinMs,
          `${delays.length} of ${options.count} notices, the slowest ${round(worst / 1000)} s after Running` +
            (missing > 0 ? `; ${missing} missing after ${round(finishedSeconds)} s` : ''),
        ),
        `chat.update calls: ${updates} for ${options.count} clusters (${round(updates / options.count)} each); ` +
          `the whole burst, first click to last notice: ${round(finishedSeconds)} s.`,
        `What sets the notices' delay: every thread is in one channel, and Slack paces chat.postMessage per ` +
          `channel (${CHANNEL_POSTS.limit} in ${CHANNEL_POSTS.windowMs / 1000} s): the ${threadPosts} posts in it ` +
          `from the first click on (approval notices, status messages, event lines, Running notices) need at ` +
          `least ${round(threadPosts / (CHANNEL_POSTS.limit / (CHANNEL_POSTS.windowMs / 1000)))} s, sent first come ` +
          'first served; event lines wait for room (merged into the next poll’s line) and a job whose post finds ' +
          'no room in its budget is put off a minute (its notice claimed again). Then the poll interval: Running ' +
          `is seen at the next poll (up to ${stack.deps.config.pollIntervalSeconds} s). Teams with their own ` +
          'channels divide the first term.',
      ],
    };
  } finally {
    await stack.close();
  }
}
