import { describe, expect, it } from 'vitest';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { standIns, submitRequest, threadShown } from '../integration/approvals.support';
import { holdableClock } from '../support/clock';
import { useStack } from '../support/stack';
import { until } from '../support/wait';

/** More failed reads in a row than a job's three attempts (the first try and two retries). */
const FAILED_READS = 6;

// No reconciler runs here (the test stack's timer is off): only the poll chain itself can carry the watch through.
// Palette's clock is held from the approval until the outage is set up: at the test pace a cluster runs within
// 0.2 s, and a busy machine's first poll already found it Running, so the test waited for a create in vain.
const paletteClock = holdableClock();
const getStack = useStack({ paletteSimulator: { speed: 200, now: paletteClock.now } });

describe('a Palette outage longer than a poll job’s retries', () => {
  it('keeps watching the provisioning and announces Running once Palette answers again', async () => {
    const stack = getStack();
    const { slack, palette } = standIns(stack);
    const { record, card, thread } = await submitRequest(stack, { name: 'outage-watch' });
    paletteClock.hold();
    expect((await slack.click(slack.users.approver, card, APPROVE_ACTION)).status).toBe(200);
    await until('the create recorded', async () => {
      const current = await stack.deps.store.get(record.id);
      return current?.state === 'PROVISIONING' && current.paletteUid ? current : undefined;
    });

    palette.resetCounters();
    // A plain 500 is not retried by the Palette client, so each poll meets exactly one of these.
    for (let read = 0; read < FAILED_READS; read++)
      palette.injectOnce('GET', '/v1/spectroclusters/:uid', { status: 500, body: { code: 'InternalError' } });
    paletteClock.release();

    const running = await until('the cluster announced running', async () => {
      const current = await stack.deps.store.get(record.id);
      return current?.state === 'RUNNING' ? current : undefined;
    });
    await stack.idle();
    expect(palette.counters().byStatus['500']).toBe(FAILED_READS);
    expect(running.paletteUid).toBe(
      palette.clusters().find((cluster) => cluster.name === 'outage-watch')?.uid,
    );
    expect(threadShown(stack, thread).filter((text) => text.startsWith(':tada:'))).toHaveLength(1);
  });
});
