import type { Job } from '../jobs/job';

/** Runs a job at a moment: EventBridge Scheduler on AWS (minute precision, at least once), a durable timer locally. */
export interface Scheduler {
  /**
   * Arranges for `job` to run at `when`. The schedule's name is deterministic per (job, purpose, minute), so
   * asking twice is harmless; it resolves to that name.
   */
  at(when: Date, job: Job, purpose: string): Promise<string>;
  /** Removes a schedule that has not fired; a missing one is fine. */
  cancel(name: string): Promise<void>;
}
