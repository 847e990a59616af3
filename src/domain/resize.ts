import { type ClusterSpec, ControlPlanePoolSchema, WorkerPoolSchema } from './spec';

/** A resize the spec allows: the pool's current size and whether it is the control plane. */
export type ResizeCheck =
  | { ok: true; from: number; isControlPlane: boolean }
  | { ok: false; message: string };

/**
 * Checks a resize against the cluster's spec before anything is sent: the pool must exist, and the size must be
 * one the domain allows (control plane 1, 3 or 5; a worker pool 1 to MAX_POOL_SIZE) — with the domain's message.
 */
export function checkResize(spec: ClusterSpec, poolName: string, size: number): ResizeCheck {
  const isControlPlane = spec.controlPlane.name === poolName;
  const pool = isControlPlane
    ? spec.controlPlane
    : spec.workerPools.find((candidate) => candidate.name === poolName);
  if (!pool) {
    const names = [spec.controlPlane, ...spec.workerPools].map((candidate) => `\`${candidate.name}\``);
    return {
      ok: false,
      message: `"${spec.name}" has no pool named that; its pools are ${names.join(', ')}.`,
    };
  }
  const schema = isControlPlane ? ControlPlanePoolSchema.shape.size : WorkerPoolSchema.shape.size;
  const checked = schema.safeParse(size);
  if (!checked.success) return { ok: false, message: checked.error.issues[0]!.message };
  return { ok: true, from: pool.size, isControlPlane };
}

/** The spec with one pool resized (the spec is what the record keeps; it may change in a transition). */
export function withPoolSize(spec: ClusterSpec, poolName: string, size: number): ClusterSpec {
  if (spec.controlPlane.name === poolName) return { ...spec, controlPlane: { ...spec.controlPlane, size } };
  return {
    ...spec,
    workerPools: spec.workerPools.map((pool) => (pool.name === poolName ? { ...pool, size } : pool)),
  };
}
