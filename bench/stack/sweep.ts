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
export async function sweepSection(options: {
  clusters: number;
  /** The same sweep's figures before the bulk reconcile (one GET per cluster), shown beside these. */
  before?: { calls: number; seconds: number };
  /** Clusters whose repave Palette holds: the sweep posts their cards within the same limits. */
  pendingRepaves?: number;
}): Promise<Section> {
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
    for (const cluster of seeded.slice(0, options.pendingRepaves ?? 0)) simulator.holdRepave(cluster.uid);
    simulator.resetCounters();
    stack.operations.reset();
    // Peak memory of this process while the sweep runs (the simulator and dynalite live here too: an upper bound
    // of what the worker alone would need).
    const baseline = process.memoryUsage();
    let peak = { rss: baseline.rss, heapUsed: baseline.heapUsed };
    const sample = setInterval(() => {
      const now = process.memoryUsage();
      peak = { rss: Math.max(peak.rss, now.rss), heapUsed: Math.max(peak.heapUsed, now.heapUsed) };
    }, 50);
    const started = performance.now();
    try {
      await runJob({ kind: 'reconcile' }, stack.deps);
    } finally {
      clearInterval(sample);
    }
    const seconds = (performance.now() - started) / 1000;
    const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
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
    if (options.pendingRepaves) {
      const cards = stack
        .slack!.calls('chat.postMessage')
        .filter((call) => String(call.args.text ?? '').includes('holds a *repave*')).length;
      rows.push([`Slack repave cards posted (${options.pendingRepaves} held)`, String(cards), '', '']);
    }
    const overLimit = Object.entries(PALETTE_RATE_LIMITS).filter(
      ([prefix, limit]) => counters.peakRps[prefix as keyof typeof counters.peakRps] > limit,
    );
    const scans = operations.Scan ?? 0;
    const refused = counters.tooManyRequests.enforced;
    const paletteCalls = Object.values(counters.byPrefix).reduce((sum, calls) => sum + calls, 0);
    const withinLimits = overLimit.length === 0 && refused === 0;
    const limitsLine =
      `${refused} requests refused for rate (429); ` +
      `${overLimit.length === 0 ? 'every peak within its limit' : `over: ${overLimit.map(([p]) => p).join(', ')}`}`;
    const large = options.clusters >= 10_000;
    const goals = large
      ? [
          goal(
            `sweep of ${options.clusters} ≤ 30 s, ≤ 250 Palette calls, never over a limit, no Scan`,
            seconds <= 30 && paletteCalls <= 250 && withinLimits && scans === 0,
            `${round(seconds)} s; ${paletteCalls} Palette calls; ${limitsLine}; ${scans} Scans`,
          ),
          goal(
            'worker peak memory ≤ 256 MB',
            peak.rss <= 256 * 2 ** 20,
            `peak RSS of the whole bench process (bot + Palette simulator + dynalite) ${mb(peak.rss)}, ` +
              `peak heap used ${mb(peak.heapUsed)} (${mb(baseline.heapUsed)} before the sweep)`,
          ),
        ]
      : [
          goal(
            `sweep of ${options.clusters} ≤ 60 s, never over a limit, no Scan`,
            seconds <= 60 && withinLimits && scans === 0,
            `${round(seconds)} s; ${paletteCalls} Palette calls; ${limitsLine}; ${scans} Scans; ` +
              `peak RSS ${mb(peak.rss)}`,
          ),
        ];
    return {
      title: `Reconciler sweep of ${options.clusters} clusters`,
      method:
        `${options.clusters} Running clusters seeded in the Palette simulator (Palette's documented rate limits ` +
        `enforced) and ${options.clusters} RUNNING records in the store (dynalite); one \`reconcile\` job run by the ` +
        'worker code of the local stack, nothing else running. Calls and peaks as the simulator counted them ' +
        '(peak = most requests in one 1-second window); DynamoDB operations as the stack’s client sent them.',
      header: ['what', 'calls / operations', 'peak rps', 'documented limit'],
      rows,
      notes: [
        ...goals,
        ...(options.before
          ? [
              `Before the bulk reconcile (bench/RESULTS.md of 2026-11-27, one GET /v1/spectroclusters/{uid} per ` +
                `cluster at 40 rps): ${options.before.calls} Palette calls, ${options.before.seconds} s. ` +
                `Now: ${paletteCalls} calls, ${round(seconds)} s.`,
            ]
          : []),
        'What makes it: the reconciler pages through the sparse active index (Query, 100 a page), then reads ' +
          'Palette’s cluster search 50 clusters a page per project (POST /v1/dashboard/spectroclusters/search, ' +
          'paced by the client under /v1/dashboard’s 10 rps) and matches rows to records by uid; only clusters ' +
          'no page listed are read one by one. The sweep costs clusters ÷ 50 calls, about 0.11 s a page.',
      ],
    };
  } finally {
    await stack.close();
  }
}
