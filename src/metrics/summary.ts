import { z } from 'zod';

/** The part of an EMF document the summary reads. */
const EmfDocument = z.looseObject({
  _aws: z.object({
    CloudWatchMetrics: z
      .array(
        z.object({
          Namespace: z.string(),
          Dimensions: z.array(z.array(z.string())),
          Metrics: z.array(z.object({ Name: z.string(), Unit: z.string() })),
        }),
      )
      .min(1),
  }),
});

/** One metric under one set of dimension values. */
interface Tally {
  name: string;
  unit: string;
  dimensions: string;
  count: number;
  sum: number;
  max: number;
  /** The latest values, for percentiles (bounded: a playground may run for days). */
  recent: number[];
}

const RECENT_VALUES = 1_000;

/** The value at percentile `p` (nearest rank) of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

const round = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
const UNIT_SUFFIX: Record<string, string> = { Milliseconds: ' ms', Seconds: ' s' };

/**
 * The metrics a local run emitted, read back from the very EMF documents CloudWatch would get and summed per
 * series (under each metric's full dimension set; its rollups would only count the same points again).
 */
export class MetricsSummary {
  private readonly tallies = new Map<string, Tally>();
  private namespace = '';

  /** Takes one EMF document, as EmfMetrics writes it. */
  readonly write = (line: string): void => {
    const document = EmfDocument.parse(JSON.parse(line));
    const [directive] = document._aws.CloudWatchMetrics;
    this.namespace = directive!.Namespace;
    const dimensions = (directive!.Dimensions[0] ?? [])
      .filter((key) => key !== 'service')
      .map((key) => `${key}=${String(document[key])}`)
      .join(' ');
    for (const { Name, Unit } of directive!.Metrics) {
      const key = `${Name} ${dimensions}`;
      let tally = this.tallies.get(key);
      if (!tally) {
        tally = { name: Name, unit: Unit, dimensions, count: 0, sum: 0, max: 0, recent: [] };
        this.tallies.set(key, tally);
      }
      const values = [document[Name]].flat().map(Number);
      for (const value of values) {
        tally.count++;
        tally.sum += value;
        tally.max = Math.max(tally.max, value);
        tally.recent.push(value);
      }
      tally.recent.splice(0, Math.max(0, tally.recent.length - RECENT_VALUES));
    }
  };

  /** A table for people: counts summed, durations as n, p50, p95 and max; "no metrics yet" before any. */
  render(): string {
    if (this.tallies.size === 0) return 'Metrics: none recorded yet.';
    const rows = [...this.tallies.values()]
      .sort((a, b) => a.name.localeCompare(b.name) || a.dimensions.localeCompare(b.dimensions))
      .map((tally) => {
        const suffix = UNIT_SUFFIX[tally.unit];
        if (suffix === undefined) return [tally.name, tally.dimensions, `${round(tally.sum)}`];
        const sorted = [...tally.recent].sort((a, b) => a - b);
        const shown = (value: number) => `${round(value)}${suffix}`;
        return [
          tally.name,
          tally.dimensions,
          `n ${tally.count}, p50 ${shown(percentile(sorted, 50))}, p95 ${shown(percentile(sorted, 95))}, max ${shown(tally.max)}`,
        ];
      });
    const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
    return [
      `Metrics (namespace ${this.namespace}):`,
      ...rows.map(
        ([name, dimensions, value]) =>
          `  ${name!.padEnd(widths[0]!)}  ${dimensions!.padEnd(widths[1]!)}  ${value}`,
      ),
    ].join('\n');
  }
}
