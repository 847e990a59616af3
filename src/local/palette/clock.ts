/** How long each step takes at speed 1 (the playground's pace), in seconds. */
export const PACE_SECONDS = {
  /** Create → Provisioning. */
  pending: 5,
  /** One control-plane node, created → ready; they come up one after another. */
  controlPlaneNode: 12,
  /** One worker node, created → ready; workers start once the first control-plane node is ready. */
  workerNode: 10,
  /** Between two workers being created. */
  workerStagger: 2,
  /** Last node ready → Running. */
  settle: 5,
  /** Between two machines being released on delete or scale-in. */
  deleteStagger: 1,
  /** One machine, deleting → released. */
  nodeDelete: 6,
  /** Last machine released → Deleted. */
  finalize: 3,
  /** Deleted → the cluster answers 404. */
  goneAfter: 30,
  /** A sticky deletion warns that machines are not being released after this long. */
  stuckNotice: 60,
} as const;

/** The same steps in milliseconds of the simulator's clock. */
export type Pace = Record<keyof typeof PACE_SECONDS, number>;

/** The pace at a speed: 1 = the playground's, larger = faster. */
export function paceAt(speed: number): Pace {
  const scale = 1000 / speed;
  const entries = Object.entries(PACE_SECONDS).map(([step, seconds]) => [step, seconds * scale]);
  return Object.fromEntries(entries) as Pace;
}

/** An ISO timestamp for a moment of the simulator's clock. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
