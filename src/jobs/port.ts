import type { Job } from './job';

/** Sends a job to the worker: a Lambda async invoke on AWS, the same process locally. */
export interface Jobs {
  /** Hands the job over; resolves once it is accepted (not once it has run). */
  dispatch(job: Job): Promise<void>;
}
