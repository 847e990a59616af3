import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/** One run's outcome as `npm run test:stress` reads it (written to $STRESS_REPORT). */
export interface StressReport {
  counts: { passed: number; failed: number; skipped: number; total: number };
  /** Failed tests, and files that failed outside any test (a hook, an import). */
  failures: { file: string; test: string; error: string }[];
  /** Errors no test caught (unhandled rejections, uncaught exceptions): Vitest exits 1 on them. */
  unhandled: { error: string; origin: string }[];
  /** Each file's time in ms: its tests and hooks, and importing it. */
  files: { file: string; durationMs: number; collectMs: number }[];
  /** Tests that used more than a quarter of their timeout: the next to fail on a busier machine. */
  nearTimeout: { file: string; test: string; durationMs: number; timeoutMs: number }[];
}

/** The share of its timeout a test may use before the report names it. */
const NEAR_TIMEOUT = 0.25;

/** The first line of an error, as the summary shows it. */
const firstLine = (error: { name?: string; message?: string } | undefined) =>
  `${error?.name ?? 'Error'}: ${String(error?.message ?? '').split('\n')[0]}`;

/**
 * A Vitest reporter for the stress script: writes the run's counts, failures (by test name), unhandled errors
 * and per-file durations as JSON to the file named by STRESS_REPORT. Used beside the default reporter.
 */
export default class StressReporter implements Reporter {
  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<{
      name?: string;
      message?: string;
      stack?: string;
      [key: string]: unknown;
    }>,
  ): void {
    const path = process.env.STRESS_REPORT;
    if (!path) return;
    const report: StressReport = {
      counts: { passed: 0, failed: 0, skipped: 0, total: 0 },
      failures: [],
      unhandled: [],
      files: [],
      nearTimeout: [],
    };
    for (const module of modules) {
      const file = module.relativeModuleId;
      const diagnostic = module.diagnostic();
      report.files.push({ file, durationMs: diagnostic.duration, collectMs: diagnostic.collectDuration });
      for (const error of module.errors())
        report.failures.push({ file, test: '(file: a hook or the import failed)', error: firstLine(error) });
      for (const test of module.children.allTests()) {
        const result = test.result();
        const durationMs = test.diagnostic()?.duration ?? 0;
        const timeoutMs = test.options.timeout;
        if (timeoutMs && durationMs > timeoutMs * NEAR_TIMEOUT)
          report.nearTimeout.push({ file, test: test.fullName, durationMs, timeoutMs });
        report.counts.total++;
        if (result.state === 'passed') report.counts.passed++;
        else if (result.state === 'failed') {
          report.counts.failed++;
          report.failures.push({ file, test: test.fullName, error: firstLine(result.errors[0]) });
        } else report.counts.skipped++;
      }
    }
    for (const error of unhandledErrors) {
      const origin = [error.VITEST_TEST_PATH, error.VITEST_TEST_NAME].filter(Boolean).join(' > ');
      report.unhandled.push({ error: firstLine(error), origin: origin || 'unknown' });
    }
    writeFileSync(path, JSON.stringify(report, null, 2));
  }
}
