import { describe, expect, it } from 'vitest';
import { createReconciler } from '../../src/jobs/handlers/reconcile';
import { APPROVE_ACTION } from '../../src/slack/blocks/approval-card';
import { standIns } from '../integration/approvals.support';
import { useStack } from '../support/stack';
import { until } from '../support/wait';
import { submitMany } from './support/requests';

const REQUESTS = 20;

// Polls once a second: each cluster runs within a poll or two, and the polls' dashboard reads (Palette allows 10 a
// second) are not what the test waits on.
const getStack = useStack({ paletteSimulator: { speed: 200, rateLimits: false }, pollIntervalSeconds: 1 });

/** How often the test sweeps, standing in for the deployed reconciler's `rate(1 minute)` at the test's pace. */
const SWEEP_EVERY_MS = 3_000;
// A create job whose three tries all met faults is picked up again after this long, as production does after 5 min.
const sweep = createReconciler({ approvedStaleSeconds: 10 });

describe('a Palette that fails half of the time', () => {
  it(`takes ${REQUESTS} approved requests to Running with exactly ${REQUESTS} creates and no body Palette refuses`, async () => {
    const stack = getStack();
    const { slack, palette } = standIns(stack);
    const submitted = await submitMany(
      stack,
      Array.from({ length: REQUESTS }, (_, index) => `flaky-${index + 1}`),
    );
    // From the approvals on: the creates, the polls and the reconciliation all meet the faults.
    palette.setFaults({ rate429: 0.3, rate503: 0.2, latencyMs: 15, seed: 8 });
    palette.resetCounters();
    for (const { card } of submitted)
      expect((await slack.click(slack.users.approver, card, APPROVE_ACTION)).status).toBe(200);

    let lastSweep = Date.now();
    const running = await until(`all ${REQUESTS} requests running`, async () => {
      if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
        lastSweep = Date.now();
        await sweep({ kind: 'reconcile' }, stack.deps);
      }
      const records = await Promise.all(submitted.map(({ record }) => stack.deps.store.get(record.id)));
      return records.every((record) => record?.state === 'RUNNING') ? records : undefined;
    });
    await stack.idle();
    const counters = palette.counters();
    palette.setFaults({});
    // The faults did happen, often: the bot got through them.
    expect(counters.tooManyRequests.injected).toBeGreaterThan(REQUESTS);
    expect(counters.serviceUnavailable.injected).toBeGreaterThan(REQUESTS / 2);
    expect(counters.byOperation.create).toBe(REQUESTS);
    expect(counters.rejectedBodies).toEqual([]);
    for (const record of running) {
      expect(palette.clusters().filter((cluster) => cluster.name === record!.name)).toHaveLength(1);
      expect(record!.paletteUid).toBe(
        palette.clusters().find((cluster) => cluster.name === record!.name)!.uid,
      );
    }
    // Converging through the faults includes the reconciler's 10 s pick-up (43 s measured on a loaded machine).
  }, 180_000);
});
