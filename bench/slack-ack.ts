/**
 * Ack latency of `/maas help` (and of `/maas create-cluster`, which opens a modal with views.open) through the
 * real stack: the Slack emulator signs and POSTs each command to the Hono app on @hono/node-server, Bolt runs
 * the router, and the emulator receives the answer. 1,000 sequential requests each, after a warm-up.
 *
 *   npx tsx bench/slack-ack.ts [count]
 */
import { performance } from 'node:perf_hooks';
import { ensureTable, startDynalite } from '../src/local/dynalite';
import { createDocumentClient } from '../src/store/client';
import { DynamoClusterStore } from '../src/store/dynamo';
import { startSlackHarness } from '../test/support/slack';

const COUNT = Number(process.argv[2] ?? 1_000);
const WARM_UP = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  const dynamo = await startDynalite();
  const client = createDocumentClient({
    endpoint: dynamo.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, 'bench');
  const harness = await startSlackHarness({ store: new DynamoClusterStore(client, 'bench') });
  const { emulator } = harness;
  const results: Record<string, { p50: number; p99: number; max: number; mean: number }> = {};
  try {
    for (const text of ['help', 'create-cluster team-a']) {
      const timings: number[] = [];
      for (let i = 0; i < WARM_UP + COUNT; i++) {
        const started = performance.now();
        const result = await emulator.command(emulator.users.requester, '/maas', text);
        const elapsed = performance.now() - started;
        if (result.status !== 200) throw new Error(`/maas ${text} answered ${result.status}`);
        if (i >= WARM_UP) timings.push(elapsed);
        // Keep the emulator's state small: only the last answers matter here.
        emulator.workspace.ephemerals.length = 0;
        emulator.workspace.calls.length = 0;
      }
      timings.sort((a, b) => a - b);
      const round = (ms: number) => Math.round(ms * 100) / 100;
      results[`/maas ${text}`] = {
        p50: round(percentile(timings, 50)),
        p99: round(percentile(timings, 99)),
        max: round(timings.at(-1)!),
        mean: round(timings.reduce((sum, ms) => sum + ms, 0) / timings.length),
      };
    }
  } finally {
    await harness.close();
    await dynamo.close();
  }
  console.log(`Ack latency over ${COUNT} sequential requests (ms, round trip as the emulator sees it):`);
  console.table(results);
}

await main();
