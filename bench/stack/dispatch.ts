import { setTimeout as sleep } from 'node:timers/promises';
import { startLocalStack } from '../../src/local/stack';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { standIns, submitRequest } from '../../test/integration/approvals.support';
import { goal, type Section } from '../lib/report';
import { percentile, percentileCells, round } from '../lib/stats';

/** The goal for the click → create time, measured locally. */
const P99_GOAL_MS = 50;

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
  // Slack's tiers enforced at their real windows: the listener makes no edit (the decision job does, and puts off
  // what chat.update's Tier 3 has no room for), so the approvals' ~300 edits a minute never hold a click.
  const stack = await startLocalStack({ env: {}, port: 0, reconcileIntervalMs: 0 });
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
        ['click → Palette create received', ...percentileCells(toCreate)],
        ['click ack (round trip)', ...percentileCells(acks)],
      ],
      notes: [
        goal(
          `click → Palette create p99 ≤ ${P99_GOAL_MS} ms locally`,
          percentile(toCreate, 99) <= P99_GOAL_MS,
          `p50 ${round(percentile(toCreate, 50))} ms, p99 ${round(percentile(toCreate, 99))} ms`,
        ),
        `${creates} creates received for ${options.count} approvals.`,
        'What it waits on: clicks come back to back; the approve listener records the approval (the quota ledger, ' +
          'then one conditional transition) and dispatches `decision` and `create`, nothing else — the card, request ' +
          'message and thread edits are the decision job’s, paced under Slack’s tiers (enforced here at their real ' +
          'windows) and put off a minute when Tier 3 has no room. A create reads its profile’s packs, which the ' +
          'client keeps a minute per profile uid (src/palette/packs-cache.ts): only the first create of a burst ' +
          'waits on /v1/clusterprofiles; a first try does not search for an earlier one. Everything runs in one ' +
          'process on this machine (the Palette simulator, dynalite — about 5–10 ms a DynamoDB call —, the ' +
          'emulator, the worker), so each click shares two cores with the jobs of the clicks before it.',
        `Slack calls refused for rate (429): ${JSON.stringify(slack.rateLimited())}.`,
      ],
    };
  } finally {
    await stack.close();
  }
}
