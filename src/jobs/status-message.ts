import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { statusMessage } from '../slack/blocks/status';
import { whenSlackHasRoom } from '../slack/deferral';
import { postInThread, slackRateLimited, updateMessage } from '../slack/thread';
import { saveSlackPlaces } from './note';

/** Posts the thread's status message unless it exists, saving its ts at once; resolves to the record with it. */
export async function ensureStatusMessage(deps: Deps, record: ClusterRecord): Promise<ClusterRecord> {
  if (record.slack.statusTs) return record;
  const ts = await postInThread(deps, record, statusMessage(record, deps.config, deps.now()));
  if (!ts) throw new Error('Slack accepted the status message without a ts.');
  return saveSlackPlaces(deps, record, { statusTs: ts }, 'Posted the status message.');
}

/**
 * Re-renders the status message from the record (posting it first if it is missing). A `progress` refresh (a
 * poll's news, no change of state) is skipped when Slack's budget for edits is short; a milestone always goes —
 * at once, or with the card (`summaries`) when the budget has no room for it in time.
 */
export async function refreshStatusMessage(
  deps: Deps,
  record: ClusterRecord,
  options: { progress?: boolean } = {},
): Promise<ClusterRecord> {
  const statusTs = record.slack.statusTs;
  if (!statusTs) return ensureStatusMessage(deps, record);
  try {
    const sent = await updateMessage(
      deps,
      { channel: record.slack.channel, ts: statusTs },
      statusMessage(record, deps.config, deps.now()),
      options,
    );
    if (!sent) deps.metrics.add('SlackEditsSkipped', 1, {});
  } catch (error) {
    if (!slackRateLimited(error)) throw error;
    // A milestone's edit Slack's budget had no room for: redrawn with the card once it has (see showMilestone).
    await whenSlackHasRoom(deps, { kind: 'summaries', clusterId: record.id });
  }
  return record;
}
