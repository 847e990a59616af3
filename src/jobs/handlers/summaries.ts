import { showMilestone } from '../../slack/milestone';
import type { JobHandler } from '../handler';
import { refreshStatusMessage } from '../status-message';

/**
 * Redraws a cluster's status message, card and request message from the freshest record: what a milestone could
 * not show while Slack's budget for edits was spent (each waits its turn again, or is put off once more).
 */
export const summaries: JobHandler<'summaries'> = async ({ clusterId }, deps) => {
  const record = await deps.store.get(clusterId);
  if (!record) return;
  await showMilestone(deps, record.slack.statusTs ? await refreshStatusMessage(deps, record) : record);
};
