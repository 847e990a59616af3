import type { Job } from '../jobs/job';

/** Runs a job at a moment: EventBridge Scheduler on AWS (minute precision, at least once), a durable timer locally. */
export interface Scheduler {
  /**
   * Arranges for `job` to run at `when`. The schedule's name is deterministic per (job, purpose, minute), so
   * asking twice is harmless; it resolves to that name.
   */
  at(when: Date, job: Job, purpose: string): Promise<string>;
  /**
   * Creates the schedule named `name` to run `job` at `when`, or moves it there if it exists: one schedule per
   * name, whatever its moment (a lease's end moves with each extension; it is replaced, never doubled).
   */
  put(name: string, when: Date, job: Job): Promise<void>;
  /** Removes a schedule that has not fired; a missing one is fine. */
  cancel(name: string): Promise<void>;
}
