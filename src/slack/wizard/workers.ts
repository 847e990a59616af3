import { crossPoolProblems, MAX_WORKER_POOLS, type WorkerPool } from '../../domain/spec';
import type { WizardData } from './draft';
import type { Form } from './fields';
import { type Problems, textOf } from './form';
import { fieldForPath } from './parse/issues';
import { POOL_PATHS, parseControlPlaneForm, parseWorkerForm } from './parse/pool';

/** What a new control plane starts with: Palette console's defaults. */
export const DEFAULT_CONTROL_PLANE: Form = {
  name: 'control-plane-pool',
  size: '1',
  cpu: '4',
  memory: '8192',
  disk: '60',
};

/** A new worker pool's form, named so it does not clash with the pools already there. */
function defaultWorkerForm(data: WizardData): Form {
  const taken = new Set([
    textOf(data.controlPlane, 'name'),
    ...data.workers.map((w) => textOf(w.form, 'name')),
  ]);
  let name = 'worker-pool';
  for (let n = 2; taken.has(name); n++) name = `worker-pool-${n}`;
  return { name, size: '1', rollingUpdate: 'expand-first', cpu: '4', memory: '8192', disk: '60' };
}

/** Adds a worker pool (the caller checks the limit) and returns its key. */
export function addWorkerPool(data: WizardData): { data: WizardData; key: string } {
  const key = `p${data.nextPoolKey}`;
  return {
    key,
    data: {
      ...data,
      nextPoolKey: data.nextPoolKey + 1,
      workers: [...data.workers, { key, form: defaultWorkerForm(data) }],
    },
  };
}

/** The draft with at least one worker pool, and the key of the pool to edit (`wanted` when it exists). */
export function poolToEdit(data: WizardData, wanted?: string): { data: WizardData; key: string } {
  if (data.workers.length === 0) return addWorkerPool(data);
  const key = data.workers.some((pool) => pool.key === wanted) ? wanted! : data.workers[0]!.key;
  return { data, key };
}

/** Removes a pool; the one before it (or the first) is edited next, and a lone pool is replaced by a fresh one. */
export function removeWorkerPool(data: WizardData, key: string): { data: WizardData; key: string } {
  const index = data.workers.findIndex((pool) => pool.key === key);
  const rest = { ...data, workers: data.workers.filter((pool) => pool.key !== key) };
  return poolToEdit(rest, rest.workers[Math.max(0, index - 1)]?.key);
}

/** Stores what was typed for a pool (appending it if the draft lost it, so nothing typed is dropped). */
export function withPoolForm(data: WizardData, key: string, form: Form): WizardData {
  const known = data.workers.some((pool) => pool.key === key);
  return {
    ...data,
    workers: known
      ? data.workers.map((pool) => (pool.key === key ? { key, form } : pool))
      : [...data.workers, { key, form }],
  };
}

/** Whether another pool may be added. */
export function canAddPool(data: WizardData): boolean {
  return data.workers.length < MAX_WORKER_POOLS;
}

/** Every worker pool parsed and checked against the others, or the first pool with problems (`prefer` first). */
export type PoolsParse = { ok: true; pools: WorkerPool[] } | { ok: false; key: string; problems: Problems };

/** Parses the draft's worker pools: each on its own, then unique names and label keys across pools. */
export function parseWorkerPools(data: WizardData, prefer?: string): PoolsParse {
  const byKey = new Map<string, Problems>();
  const pools: WorkerPool[] = [];
  for (const { key, form } of data.workers) {
    const parsed = parseWorkerForm(form);
    if (parsed.ok) pools.push(parsed.value);
    else byKey.set(key, parsed.problems);
  }
  if (data.workers.length === 0)
    return { ok: false, key: '', problems: { name: 'Add at least one worker pool.' } };
  if (data.workers.length > MAX_WORKER_POOLS)
    byKey.set(data.workers.at(-1)!.key, { name: `At most ${MAX_WORKER_POOLS} worker pools.` });
  if (byKey.size === 0) {
    // The control plane was checked on its own step; if it no longer parses, only the workers are compared.
    const controlPlane = parseControlPlaneForm(data.controlPlane);
    const problems = crossPoolProblems({
      controlPlane: controlPlane.ok ? controlPlane.value : { name: '', labels: [] },
      workerPools: pools,
    });
    for (const { path, message } of problems) {
      const key = data.workers[Number(path[1])]?.key;
      if (path[0] !== 'workerPools' || key === undefined) continue;
      const field = fieldForPath(path.slice(2), POOL_PATHS) ?? 'name';
      const existing = byKey.get(key) ?? {};
      existing[field] ??= message;
      byKey.set(key, existing);
    }
  }
  if (byKey.size === 0) return { ok: true, pools };
  const key = prefer !== undefined && byKey.has(prefer) ? prefer : byKey.keys().next().value!;
  return { ok: false, key, problems: byKey.get(key)! };
}
