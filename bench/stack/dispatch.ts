import { setTimeout as sleep } from 'node:timers/promises';
import { startLocalStack } from '../../src/local/stack';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { standIns, submitRequest } from '../../test/integration/approvals.support';
import type { Section } from '../lib/report';
import { percentile, round } from '../lib/stats';

/** Polls until `find` answers (Palette's simulator has no change events; a 1 ms poll costs little here). */
async function until<T>(find: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Nothing after ${timeoutMs} ms.`);
    await sleep(1);
  }
}

/**
 * Dispatch: in the local stack, `count` requests waiting on their approval cards; each Approve click (sequential)
 * timed from the click to the simulator receiving the Palette create (its `createdAt`, wall clock), and the click's
 * own round trip (the ack Slack waits for).
 */
export async function dispatchSection(options: { count: number }): Promise<Section> {
  // Slack's rate limits off, as in the runs before: 100 approvals back to back are ~300 edits a minute (card,
  // request message, status message), six times chat.update's Tier 3 — with the tiers enforced the approve
  // listener waits for edit slots past Slack's 3-second ack (see the note).
  const stack = await startLocalStack({ env: {}, port: 0, reconcileIntervalMs: 0, slackRateLimits: false });
  try {
    const { slack, palette } = standIns(stack);
    const cards = [];
    for (let index = 1; index <= options.count; index++)
      cards.push((await submitRequest(stack, { name: `dispatch-${index}` })).card);
    const toCreate: number[] = [];
    const acks: number[] = [];
    for (const [index, card] of cards.entries()) {
      const clicked = Date.now();
      const reply = await slack.click(slack.users.approver, card, APPROVE_ACTION);
      acks.push(Date.now() - clicked);
      if (reply.status !== 200) throw new Error(`Approve answered ${reply.status}.`);
      const created = await until(
        () => palette.clusters().find((cluster) => cluster.name === `dispatch-${index + 1}`),
        10_000,
      );
      toCreate.push(Date.parse(created.createdAt) - clicked);
    }
    await stack.idle();
    const creates = palette.counters().byOperation.create ?? 0;
    return {
      title: 'Dispatch: Approve click → Palette create',
      method:
        `Local stack (\`startLocalStack\`: Hono app, dynalite, in-process worker, Palette simulator, Slack emulator). ` +
        `${options.count} requests reviewed and on their cards; an approver clicks Approve on each in turn. ` +
        '"to create" runs from the click to the simulator stamping the new cluster (`createdAt`, ms); "ack" is the ' +
        'click’s round trip as the emulator saw it.',
      header: ['measure', 'p50 ms', 'p99 ms', 'max ms', 'n'],
      rows: [
        ['click → Palette create received', ...stats(toCreate)],
        ['click ack (round trip)', ...stats(acks)],
      ],
      notes: [
        `${creates} creates received for ${options.count} approvals.`,
        'What it waits on: clicks come back to back. A create reads its profile’s packs, which the client ' +
          'keeps a minute per profile uid (src/palette/packs-cache.ts): only the first create of a burst waits on ' +
          '/v1/clusterprofiles (paced at 9 rps, Palette documents no limit there); a first try does not search for ' +
          'an earlier one. Slack’s rate limits are NOT enforced here (as before): 100 approvals back to back are about ' +
          '300 chat.update calls a minute, six times Tier 3; with the tiers on, the approve listener waits for edit ' +
          'slots past the 3-second ack. Moving the listener’s card and message edits out of the ack path is still to do.',
      ],
    };
  } finally {
    await stack.close();
  }
}

function stats(values: number[]): string[] {
  return [
    round(percentile(values, 50)),
    round(percentile(values, 99)),
    round(Math.max(...values)),
    String(values.length),
  ];
}
