import { onTestFailed } from 'vitest';

/**
 * Property tests (fast-check) that never flake on a busy machine and can always be replayed: every property runs
 * from a known seed, printed when its test fails (FC_SEED=… replays it), and a long property is split into parts
 * of at most `PART_RUNS` runs, each its own test, so no single test lasts long enough to meet its timeout when the
 * machine is busy (a loaded two-core machine ran them ten times slower than a full run on an idle one).
 */

/** The most runs one test makes (under a second in a full run: well inside the 30-second timeout). */
export const PART_RUNS = 100;

/** The runs of a property split into parts: `{ first, count }` for each (first = 1-based number of its first run). */
export function propertyParts(total: number, partRuns = PART_RUNS): { first: number; count: number }[] {
  const parts: { first: number; count: number }[] = [];
  for (let first = 1; first <= total; first += partRuns)
    parts.push({ first, count: Math.min(partRuns, total - first + 1) });
  return parts;
}

/**
 * fast-check's parameters for one property, called inside its test: its runs, from a fresh seed (or FC_SEED's, to
 * replay one) that is printed if the test fails, whatever failed it (the property, a timeout, a later assertion).
 */
export function seeded(what: string, numRuns: number): { seed: number; numRuns: number } {
  const seed = process.env.FC_SEED
    ? Number(process.env.FC_SEED)
    : (Date.now() ^ (Math.random() * 0x1_0000_0000)) | 0;
  onTestFailed(() => console.error(`fast-check seed ${seed} for ${what}: FC_SEED=${seed} replays it.`));
  return { seed, numRuns };
}
