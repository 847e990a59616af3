import type { Deps } from '../deps';
import type { Job } from '../jobs/job';
import { TIER_WINDOW_MS } from './limits';

/**
 * Runs `job` once Slack's budget has room again: a schedule one tier window from now (a minute; scaled with the
 * windows in tests), by when the calls filling it have left. Asked twice in a minute, one schedule.
 */
export async function whenSlackHasRoom(
  deps: Pick<Deps, 'scheduler' | 'config' | 'now'>,
  job: Job,
): Promise<void> {
  const delayMs = TIER_WINDOW_MS * (deps.config.slack.rateWindowScale ?? 1);
  await deps.scheduler.at(new Date(deps.now().getTime() + delayMs), job, 'slack-budget');
}
