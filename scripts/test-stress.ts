/**
 * `npm run test:stress`: runs the whole suite N times in a row, exactly as CI runs it (`CI=true npm test`), while a
 * CPU load generator it starts itself keeps every core busy; prints each run's result and the failed tests by
 * name, and exits 1 if any run failed.
 *
 *   npm run test:stress                  3 runs under load
 *   npm run test:stress -- 10            10 runs
 *   npm run test:stress -- 5 test/resilience/concurrency.test.ts   only these files (Vitest's filters), 5 times
 *   npm run test:stress -- 3 --no-load   without the load generator
 *   npm run test:stress -- 3 --shuffle   files in a random order each run (the seed is printed): order dependencies
 *
 * Each run's full output and report are kept in a temporary directory (printed at the start).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { StressReport } from './test-stress-reporter';

const ROOT = resolve(import.meta.dirname, '..');
const REPORTER = join(ROOT, 'scripts', 'test-stress-reporter.ts');

/** What the command line asked for. */
interface StressOptions {
  runs: number;
  load: boolean;
  shuffle: boolean;
  /** Passed on to `vitest run` (file filters, -t …). */
  vitestArgs: string[];
}

function parseArgs(args: string[]): StressOptions {
  const options: StressOptions = { runs: 3, load: true, shuffle: false, vitestArgs: [] };
  for (const [index, arg] of args.entries()) {
    if (index === 0 && /^\d+$/.test(arg)) options.runs = Number(arg);
    else if (arg === '--no-load') options.load = false;
    else if (arg === '--shuffle') options.shuffle = true;
    else options.vitestArgs.push(arg);
  }
  if (options.runs < 1) throw new Error('The number of runs must be at least 1.');
  return options;
}

/** One run's outcome. */
interface RunResult {
  run: number;
  exitCode: number | null;
  seconds: number;
  report: StressReport | undefined;
  log: string;
}

const loadLine = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ');

/** Starts the load generator (one spinning thread per core); its stdin is a pipe, so it ends with this process. */
function startLoad(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'cpu-load.ts')], {
    cwd: ROOT,
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  child.on('error', (error) => console.error(`cpu-load could not start: ${error.message}`));
  return child;
}

/** Stops a child (with `group`, its whole process group) and waits until it has exited. */
async function stop(child: ChildProcess | undefined, options: { group?: boolean } = {}): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  if (options.group) process.kill(-child.pid!, 'SIGTERM');
  else child.kill('SIGTERM');
  await exited;
}

let current: ChildProcess | undefined;
let load: ChildProcess | undefined;
let interrupted = false;

/** Runs `CI=true npm test` once, its output into `log`, and reads what the stress reporter wrote. */
async function runOnce(run: number, dir: string, options: StressOptions, seed: number): Promise<RunResult> {
  const log = join(dir, `run-${run}.log`);
  const reportFile = join(dir, `run-${run}.json`);
  const out = openSync(log, 'w');
  const args = ['test', '--', '--reporter=default', `--reporter=${REPORTER}`, ...options.vitestArgs];
  if (options.shuffle) args.push('--sequence.shuffle.files', `--sequence.seed=${seed}`);
  const started = performance.now();
  // Its own process group (npm, sh, vitest and its workers), so an interrupted run is stopped as a whole.
  current = spawn('npm', args, {
    cwd: ROOT,
    env: { ...process.env, CI: 'true', STRESS_REPORT: reportFile, FORCE_COLOR: '0', NO_COLOR: '1' },
    stdio: ['ignore', out, out],
    detached: true,
  });
  const exitCode = await new Promise<number | null>((done) => current!.once('exit', (code) => done(code)));
  current = undefined;
  const seconds = (performance.now() - started) / 1000;
  const report = existsSync(reportFile)
    ? (JSON.parse(readFileSync(reportFile, 'utf8')) as StressReport)
    : undefined;
  return { run, exitCode, seconds, report, log };
}

/** One line per run, then what failed in it. */
function describeRun(result: RunResult, of: number): string {
  const { report } = result;
  const verdict = result.exitCode === 0 ? 'PASS' : 'FAIL';
  const counts = report
    ? `${report.counts.passed} passed, ${report.counts.failed} failed, ${report.counts.skipped} skipped (${report.counts.total})` +
      (report.unhandled.length > 0 ? `, ${report.unhandled.length} unhandled error(s)` : '')
    : 'no report (Vitest did not finish)';
  const lines = [
    `run ${result.run}/${of}: ${verdict} in ${result.seconds.toFixed(0)} s, exit ${result.exitCode}: ${counts}; load ${loadLine()}`,
  ];
  for (const failure of report?.failures ?? [])
    lines.push(`  ✗ ${failure.file} > ${failure.test}\n      ${failure.error}`);
  for (const slow of report?.nearTimeout ?? [])
    lines.push(
      `  ! near its timeout: ${slow.file} > ${slow.test} (${(slow.durationMs / 1000).toFixed(1)} s of ${slow.timeoutMs / 1000} s)`,
    );
  for (const error of report?.unhandled ?? [])
    lines.push(`  ✗ unhandled: ${error.error}\n      in ${error.origin}`);
  if (result.exitCode !== 0) lines.push(`  output: ${result.log}`);
  return lines.join('\n');
}

/** The files that took longest, by their mean over the runs (tests and hooks, then import). */
function slowestFiles(results: RunResult[], count = 12): string {
  const totals = new Map<string, { duration: number; collect: number; runs: number }>();
  for (const { report } of results)
    for (const file of report?.files ?? []) {
      const total = totals.get(file.file) ?? { duration: 0, collect: 0, runs: 0 };
      totals.set(file.file, {
        duration: total.duration + file.durationMs,
        collect: total.collect + file.collectMs,
        runs: total.runs + 1,
      });
    }
  return [...totals.entries()]
    .map(([file, total]) => ({
      file,
      duration: total.duration / total.runs,
      collect: total.collect / total.runs,
    }))
    .sort((a, b) => b.duration - a.duration)
    .slice(0, count)
    .map(
      ({ file, duration, collect }) =>
        `  ${(duration / 1000).toFixed(1).padStart(6)} s  (+${(collect / 1000).toFixed(1)} s import)  ${file}`,
    )
    .join('\n');
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'maas-chatops-stress-'));
  const seed = Date.now() % 1_000_000;
  console.log(
    `test:stress: ${options.runs} run(s) of \`CI=true npm test${options.vitestArgs.length ? ` -- ${options.vitestArgs.join(' ')}` : ''}\`` +
      `${options.load ? `, CPU load on ${availableParallelism()} core(s)` : ', no load'}` +
      `${options.shuffle ? `, files shuffled (seed ${seed}: rerun with \`npx vitest run --sequence.shuffle.files --sequence.seed=${seed}\`)` : ''}` +
      `; logs in ${dir}; load ${loadLine()}`,
  );
  if (options.load) load = startLoad();
  const results: RunResult[] = [];
  try {
    for (let run = 1; run <= options.runs && !interrupted; run++) {
      const result = await runOnce(run, dir, options, seed + run);
      if (interrupted) break;
      results.push(result);
      console.log(describeRun(result, options.runs));
    }
  } finally {
    await stop(load);
  }
  if (interrupted) console.log(`Interrupted after ${results.length} complete run(s).`);
  if (results.length === 0) return 130;
  const failed = results.filter((result) => result.exitCode !== 0);
  const seconds = results.map((result) => result.seconds);
  console.log(
    `\n${results.length - failed.length}/${results.length} runs green` +
      `${failed.length ? ` (failed: run ${failed.map((result) => result.run).join(', ')})` : ''}; ` +
      `wall time per run ${Math.min(...seconds).toFixed(0)}–${Math.max(...seconds).toFixed(0)} s.` +
      `\nSlowest files (mean of tests and hooks per run):\n${slowestFiles(results)}`,
  );
  return interrupted ? 130 : failed.length > 0 ? 1 : 0;
}

// Ctrl-C (or a TERM) stops the suite in progress; the loop then ends, stops the load generator and sums up.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    interrupted = true;
    console.log(`\n${signal}: stopping the run in progress and the load generator.`);
    void stop(current, { group: true });
  });

process.exitCode = await main();
