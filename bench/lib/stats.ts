/** The value at percentile `p` (0–100) of `values` (nearest rank); NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The median of `values`. */
export const median = (values: readonly number[]) => percentile(values, 50);

/** A number rounded for a table: one decimal below 100, none above. */
export function round(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

/** `ours / theirs` as `0.52×`. */
export function ratio(ours: number, theirs: number): string {
  return `${(ours / theirs).toFixed(2)}×`;
}

/** Bytes as kB or MB. */
export function bytes(count: number): string {
  return count >= 1_000_000 ? `${(count / 1_000_000).toFixed(2)} MB` : `${(count / 1000).toFixed(0)} kB`;
}

/** A table's cells for `values`: p50, p99, max and how many. */
export function percentileCells(values: readonly number[]): string[] {
  return [
    round(percentile(values, 50)),
    round(percentile(values, 99)),
    round(Math.max(...values)),
    String(values.length),
  ];
}
