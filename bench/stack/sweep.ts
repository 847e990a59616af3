import { performance } from 'node:perf_hooks';
import { runJob } from '../../src/jobs/worker';
import { PALETTE_RATE_LIMITS } from '../../src/local/palette/simulator';
import { startLocalStack } from '../../src/local/stack';
import { goal, type Section } from '../lib/report';
import { round } from '../lib/stats';
import { seedRunningRecords } from './seed';

/**
 * Sweep: `clusters` Running clusters in the Palette simulator (documented rate limits enforced) and as many RUNNING
 * records in the store; one reconciler sweep, timed, with the simulator's counters and the DynamoDB operations.
 */
export async function sweepSection(options: { clusters: number; pendingRepaves: number }): Promise<Section> {
  const stack = await startLocalStack({
    env: {},
    port: 0,
    // Nothing else runs: no reconcile timer, and the local scheduler (nothing scheduled) does not poll meanwhile.
    reconcileIntervalMs: 0,
    schedulerTickMs: 3_600_000,
    paletteSimulator: { rateLimits: true },
  });
  try {
    const simulator = stack.palette!;
    const seeded = simulator.seedClusters(options.clusters, { namePrefix: 'bench' });
    await seedRunningRecords(stack, seeded);
    // Palette holds a repave of some: the sweep posts their cards (thread and approval channel).
    for (const cluster of seeded.slice(0, options.pendingRepaves)) simulator.holdRepave(cluster.uid);
    simulator.resetCounters();
    stack.operations.reset();
    const started = performance.now();
    await runJob({ kind: 'reconcile' }, stack.deps);
    const seconds = (performance.now() - started) / 1000;
    await stack.idle();
    const counters = simulator.counters();
    const operations = stack.operations.counts();

    const rows: string[][] = Object.entries(counters.byPrefix)
      .filter(([prefix, calls]) => calls > 0 || PALETTE_RATE_LIMITS[prefix] !== undefined)
      .map(([prefix, calls]) => {
        const limit = PALETTE_RATE_LIMITS[prefix];
        const peak = counters.peakRps[prefix as keyof typeof counters.peakRps];
        return [`Palette ${prefix}`, String(calls), String(peak), limit === undefined ? '–' : `${limit} rps`];
      });
    for (const [operation, count] of Object.entries(operations).sort())
      rows.push([`DynamoDB ${operation}`, String(count), '', '']);
    const overLimit = Object.entries(PALETTE_RATE_LIMITS).filter(
      ([prefix, limit]) => counters.peakRps[prefix as keyof typeof counters.peakRps] > limit,
    );
    const scans = operations.Scan ?? 0;
    const cards = stack
      .slack!.calls('chat.postMessage')
      .filter((call) => String(call.args.text ?? '').includes('holds a *repave*')).length;
    rows.push(['Slack repave cards posted', String(cards), '', '']);
    const refused = counters.tooManyRequests.enforced;
    return {
      title: 'Reconciler sweep',
      method:
        `${options.clusters} Running clusters seeded in the Palette simulator (Palette's documented rate limits ` +
        `enforced; Palette holds a repave of ${options.pendingRepaves} of them) and ${options.clusters} RUNNING records in the store (dynalite); one \`reconcile\` job run by the ` +
        'worker code of the local stack, nothing else running. Calls and peaks as the simulator counted them ' +
        '(peak = most requests in one 1-second window); DynamoDB operations as the stack’s client sent them.',
      header: ['what', 'calls / operations', 'peak rps', 'documented limit'],
      rows,
      notes: [
        goal(
          `sweep of ${options.clusters} ≤ 60 s, never over a limit, no Scan`,
          seconds <= 60 && overLimit.length === 0 && refused === 0 && scans === 0,
          `${round(seconds)} s; ${refused} requests refused for rate (429); ` +
            `${overLimit.length === 0 ? 'every peak within its limit' : `over: ${overLimit.map(([p]) => p).join(', ')}`}; ` +
            `${scans} Scans; ${counters.rejectedBodies.length} bodies refused`,
        ),
        'What makes it: the reconciler pages through the sparse active index (Query, 100 a page) and paces its ' +
          'Palette reads under /v1/spectroclusters’ 50 rps, on top of the client’s own per-prefix pacing; a ' +
          'Running cluster costs one read, so the sweep takes clusters ÷ read rate.',
      ],
    };
  } finally {
    await stack.close();
  }
}
