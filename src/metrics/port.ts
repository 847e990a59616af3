import type { DimensionsOf, MetricName } from './catalog';

/**
 * Where the bot counts and times what it does (the names and dimensions are in ./catalog). Recording never waits
 * and never fails the work it measures; `flush` writes what was recorded (at the end of a Lambda invocation,
 * before printing a local summary).
 */
export interface Metrics {
  /** Adds one data point to a metric. */
  add<N extends MetricName>(name: N, value: number, dimensions: DimensionsOf<N>): void;
  /** Writes every data point recorded since the last flush. */
  flush(): void;
}

/** Metrics that go nowhere: for a Palette client built outside a runtime (tests, the simulator's own checks). */
export const UNRECORDED: Metrics = {
  add() {},
  flush() {},
};
