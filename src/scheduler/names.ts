import { createHash } from 'node:crypto';
import { type Job, jobClusterId } from '../jobs/job';

/** EventBridge Scheduler's limit on a schedule name (characters of `[0-9a-zA-Z-_.]`). */
export const MAX_SCHEDULE_NAME = 64;

/** The minute a schedule fires: `when` rounded up to a whole minute, as Scheduler is minute-precise. */
export function dueMinute(when: Date): Date {
  return new Date(Math.ceil(when.getTime() / 60_000) * 60_000);
}

/** Scheduler's one-time expression for `when`: `at(yyyy-mm-ddThh:mm:ss)`, UTC, rounded up to the minute. */
export function atExpression(when: Date): string {
  return `at(${dueMinute(when).toISOString().slice(0, 19)})`;
}

/**
 * The schedule's name, deterministic per (job kind, subject, purpose, due minute) so asking twice is harmless:
 * `poll_01J…_next_20300101t1205`. A name that would be too long or needed characters replaced keeps a readable
 * prefix and ends in a hash of the full identity, so distinct identities never share a name.
 */
export function scheduleName(job: Job, purpose: string, when: Date): string {
  const subject = jobClusterId(job) ?? ('userId' in job ? job.userId : 'all');
  const minute = dueMinute(when).toISOString().slice(0, 16).replace(/[-:]/g, '').toLowerCase();
  const identity = [job.kind, subject, purpose, minute].join('_');
  const safe = identity.replace(/[^0-9a-zA-Z_.-]/g, '-');
  if (safe === identity && safe.length <= MAX_SCHEDULE_NAME) return safe;
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 12);
  return `${safe.slice(0, MAX_SCHEDULE_NAME - hash.length - 1)}_${hash}`;
}
