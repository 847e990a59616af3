/**
 * Ack latency, one request at a time, through the whole local stack: the Slack emulator signs and POSTs the slash
 * command to the Hono app, Bolt runs the `/maas` router, and the emulator receives the answer. `/maas help` only
 * answers; `/maas create-cluster NAME` also calls views.open on the emulator (zero added latency) and stores the
 * wizard's draft in dynalite, as a real one would. 1,000 requests each after a warm-up.
 *
 *   npx tsx bench/sequential-ack.ts [count]
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_ACK_TIMEOUT_MS } from '../src/http/receiver';
import { SLACK_TIME_LIMITS } from '../src/local/slack/emulator';
import { startTestStack } from '../test/support/stack';
import { percentile } from './lib/stats';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const COUNT = Number(process.argv[2] ?? 1_000);
const WARM_UP = 50;

const round = (ms: number) => Math.round(ms * 100) / 100;

/** What each request types, and whether Slack got the answer it should (help: an ephemeral; wizard: none). */
const CASES = {
  '/maas help': { text: () => 'help', answered: (body: unknown) => body !== undefined },
  '/maas create-cluster NAME': {
    text: (i: number) => `create-cluster bench-${i}`,
    answered: (body: unknown) => body === undefined,
  },
};

async function main() {
  // Slack's limits on, as Slack would have them: a request over 3 s fails the benchmark.
  const stack = await startTestStack({
    slackTimeLimits: SLACK_TIME_LIMITS,
    ackTimeoutMs: DEFAULT_ACK_TIMEOUT_MS,
  });
  const slack = stack.slack!;
  const results: Record<string, { p50: number; p99: number; max: number; mean: number }> = {};
  try {
    for (const [label, { text, answered }] of Object.entries(CASES)) {
      const timings: number[] = [];
      for (let i = 0; i < WARM_UP + COUNT; i++) {
        const started = performance.now();
        const result = await slack.command(slack.users.requester, '/maas', text(i));
        const elapsed = performance.now() - started;
        if (result.status !== 200 || !answered(result.body))
          throw new Error(`${label} answered ${result.status}: ${JSON.stringify(result.body)}`);
        if (i >= WARM_UP) timings.push(elapsed);
        // Keep the emulator's records small: only the last call matters here.
        slack.workspace.calls.length = 0;
      }
      timings.sort((a, b) => a - b);
      results[label] = {
        p50: round(percentile(timings, 50)),
        p99: round(percentile(timings, 99)),
        max: round(timings.at(-1)!),
        mean: round(timings.reduce((sum, ms) => sum + ms, 0) / timings.length),
      };
    }
  } finally {
    await stack.close();
  }
  console.log(`Ack latency, ${COUNT} sequential requests each (ms, round trip as the emulator sees it):`);
  console.table(results);
}

await main();
