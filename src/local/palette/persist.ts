import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ClusterRecord } from './model';

/**
 * The simulator's clusters in a file, so a restarted playground finds its clusters where it left them (DATA_DIR).
 * Timelines are planned timestamps (Infinity = never), so a cluster read after a restart is exactly where the
 * clock says it is. JSON has no Infinity: it is written as `{"$never":true}`.
 */

/** The file's format; another format is ignored (the simulator starts from its seed). */
const FORMAT = 1;

const NEVER = { $never: true } as const;

/** Whether a parsed value is the stand-in for Infinity. */
const isNever = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && (value as { $never?: unknown }).$never === true;

/** The clusters kept at `path`, or undefined when there is no such file (or it is another format). */
export function loadClusters(path: string): ClusterRecord[] | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
  const kept = JSON.parse(text, (_key, value: unknown) =>
    isNever(value) ? Number.POSITIVE_INFINITY : value,
  ) as {
    format?: unknown;
    clusters?: unknown;
  };
  return kept.format === FORMAT && Array.isArray(kept.clusters)
    ? (kept.clusters as ClusterRecord[])
    : undefined;
}

/** Writes the clusters to `path` at once (a new file renamed over the old one, so a crash never leaves half). */
export function saveClusters(path: string, clusters: readonly ClusterRecord[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const text = JSON.stringify({ format: FORMAT, clusters }, (_key, value: unknown) =>
    value === Number.POSITIVE_INFINITY ? NEVER : value,
  );
  const partial = `${path}.partial`;
  writeFileSync(partial, text);
  renameSync(partial, path);
}
