/**
 * A CPU load generator for `npm run test:stress`: one worker thread per core spinning without pause, so the test
 * suite runs on a machine as busy as a loaded CI runner. Stops when told to (SIGTERM, SIGINT) or when the
 * process that started it goes away (its end of stdin closes), so it never outlives a stress run.
 *
 *   node --import tsx scripts/cpu-load.ts [threads]   (default: one per core)
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

const threads = Number(process.argv[2] ?? availableParallelism());
if (!Number.isInteger(threads) || threads < 1)
  throw new Error(`threads must be a positive integer, not ${process.argv[2]}.`);

// Plain JavaScript evaluated in each thread: floating-point work in a loop that never yields.
const SPIN = 'let x = 0; for (;;) x = Math.sqrt(x + Math.random());';
for (let index = 0; index < threads; index++) new Worker(SPIN, { eval: true });

const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('close', stop);
process.stdin.on('end', stop);
process.stdin.resume();
console.log(`cpu-load: ${threads} thread(s) spinning (pid ${process.pid})`);
