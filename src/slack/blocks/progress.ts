import type { Progress } from '../../domain/cluster';
import { escapeText } from '../../domain/text';

/** Cells in a progress bar. */
const BAR_CELLS = 10;

/** A bar of ▓ (ready) and ░ (not yet): "▓▓▓▓▓▓░░░░" for 3 of 5. */
export function progressBar(ready: number, desired: number, cells = BAR_CELLS): string {
  const filled = desired <= 0 ? cells : Math.round((Math.min(ready, desired) / desired) * cells);
  return '▓'.repeat(filled) + '░'.repeat(cells - filled);
}

/** Nodes ready and desired over all pools. */
export function nodeTotals(pools: readonly Progress['pools'][number][]): { ready: number; desired: number } {
  return {
    ready: pools.reduce((sum, pool) => sum + pool.ready, 0),
    desired: pools.reduce((sum, pool) => sum + pool.desired, 0),
  };
}

/** One pool's line: "`worker-pool` ▓▓▓▓▓▓░░░░ 3/5 nodes ready". */
export function poolProgressLine(pool: Progress['pools'][number]): string {
  return `\`${escapeText(pool.name)}\` ${progressBar(pool.ready, pool.desired)} ${pool.ready}/${pool.desired} nodes ready`;
}
