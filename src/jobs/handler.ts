import type { Deps } from '../deps';
import type { Job, JobKind } from './job';

/** The job of one kind. */
export type JobOf<K extends JobKind> = Extract<Job, { kind: K }>;

/**
 * Does the work of one job kind. Handlers are idempotent: they read the record, act only if its state still
 * calls for it, and transition conditionally; a throw makes the runtime retry the job.
 */
export type JobHandler<K extends JobKind> = (job: JobOf<K>, deps: Deps) => Promise<void>;

/** Job kind → handler, as HANDLERS in ./handlers lists them. */
export type HandlerRegistry = { [K in JobKind]?: JobHandler<K> };
