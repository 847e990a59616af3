/**
 * Ack latency of opening the create-cluster wizard through the whole local stack: the Slack emulator signs and
 * POSTs `/maas create-cluster NAME` to the Hono app, Bolt runs the router, the wizard calls views.open on the
 * emulator (zero added latency) and stores its draft in dynalite, and the emulator receives the answer.
 * 1,000 sequential requests after a warm-up; each leaves a draft and an open modal, as a real one would.
 *
 *   npx tsx bench/wizard-open.ts [count]
 */
import { performance } from 'node:perf_hooks';
import { startTestStack } from '../test/support/stack';

const COUNT = Number(process.argv[2] ?? 1_000);
const WARM_UP = 50;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (ms: number) => Math.round(ms * 100) / 100;

async function main() {
  const stack = await startTestStack();
  const slack = stack.slack!;
  const timings: number[] = [];
  try {
    for (let i = 0; i < WARM_UP + COUNT; i++) {
      const started = performance.now();
      const result = await slack.command(slack.users.requester, '/maas', `create-cluster bench-${i}`);
      const elapsed = performance.now() - started;
      if (result.status !== 200 || result.body !== undefined)
        throw new Error(`Opening the wizard answered ${result.status}: ${JSON.stringify(result.body)}`);
      if (i >= WARM_UP) timings.push(elapsed);
      // Keep the emulator's records small: only the last call matters here.
      slack.workspace.calls.length = 0;
    }
  } finally {
    await stack.close();
  }
  timings.sort((a, b) => a - b);
  console.log(`Opening the wizard, ${COUNT} sequential requests (ms, round trip as the emulator sees it):`);
  console.table({
    '/maas create-cluster NAME': {
      p50: round(percentile(timings, 50)),
      p99: round(percentile(timings, 99)),
      max: round(timings.at(-1)!),
      mean: round(timings.reduce((sum, ms) => sum + ms, 0) / timings.length),
    },
  });
}

await main();
