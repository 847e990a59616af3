import type { Deps } from '../../deps';
import type { ClusterRecord } from '../../domain/cluster';
import { type Actor, decide } from '../../domain/policy';
import { HOME_LIMITS, homeView, type LinkedCluster } from '../../slack/blocks/home';
import { resolveActor } from '../../slack/roles';
import { permalinkOf } from '../../slack/thread';
import type { JobHandler } from '../handler';

/** Active records read for the tab: bounded, so a large fleet never slows it. */
const ACTIVE_SCAN_LIMIT = 500;

/** What one pass over the active records gives the tab of `actor`. */
interface ActiveView {
  /** Requests waiting for a decision `actor` may make now (not their own, not already approved by them). */
  decidable: ClusterRecord[];
  /** Active clusters `actor` approved or rejected. */
  decided: ClusterRecord[];
  /** Every active cluster, for admins. */
  everyone?: ClusterRecord[];
}

/** Reads the active index once (bounded) for everything the tab shows beyond the person's own clusters. */
async function activeView(deps: Deps, actor: Actor): Promise<ActiveView> {
  const now = deps.now();
  const view: ActiveView = { decidable: [], decided: [], ...(actor.isAdmin ? { everyone: [] } : {}) };
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await deps.store.listActive({ limit: 100, ...(cursor ? { cursor } : {}) });
    read += page.items.length;
    for (const record of page.items) {
      const approvedByMe = record.approvals.some((approval) => approval.userId === actor.userId);
      if (approvedByMe || record.rejection?.userId === actor.userId) view.decided.push(record);
      if (
        (actor.isApprover || actor.isAdmin) &&
        record.state === 'PENDING_APPROVAL' &&
        !approvedByMe &&
        decide('approve', actor, record, now, deps.config.policy).ok
      )
        view.decidable.push(record);
      view.everyone?.push(record);
    }
    cursor = page.cursor;
  } while (cursor && read < ACTIVE_SCAN_LIMIT);
  // One more than shown is enough for the tab to say more are waiting.
  return {
    ...view,
    decidable: view.decidable.slice(0, HOME_LIMITS.approvals + 1),
    ...(view.everyone ? { everyone: view.everyone.slice(0, HOME_LIMITS.everyone + 1) } : {}),
  };
}

/** Each record with the permalink of `place(record)`, when it has one and Slack gives it. */
function withLinks(
  deps: Deps,
  records: ClusterRecord[],
  place: (record: ClusterRecord) => { channel: string; ts: string } | undefined,
): Promise<LinkedCluster[]> {
  return Promise.all(
    records.map(async (record) => {
      const where = place(record);
      const link = where ? await permalinkOf(deps, where) : undefined;
      return link ? { record, link } : { record };
    }),
  );
}

const threadOf = (record: ClusterRecord) =>
  record.slack.threadTs ? { channel: record.slack.channel, ts: record.slack.threadTs } : undefined;
const cardOf = (record: ClusterRecord) =>
  record.slack.approvalChannel && record.slack.approvalTs
    ? { channel: record.slack.approvalChannel, ts: record.slack.approvalTs }
    : undefined;

/**
 * Publishes a person's App Home tab (after `app_home_opened`, Refresh, a click on the tab, or a decision on a
 * request it shows): their clusters with state and a link to each thread, the requests they may approve with the
 * card's buttons, every active cluster for admins, and recent activity. `notice` answers a click made on the tab.
 */
export const homeJob: JobHandler<'home'> = async ({ userId, notice }, deps) => {
  const actor = await resolveActor(deps, userId);
  const [mine, active] = await Promise.all([
    deps.store.listByRequester(userId, HOME_LIMITS.clusters),
    activeView(deps, actor),
  ]);
  const [clusters, approvals, everyone] = await Promise.all([
    withLinks(deps, mine, threadOf),
    withLinks(deps, active.decidable, cardOf),
    active.everyone ? withLinks(deps, active.everyone, threadOf) : undefined,
  ]);
  const view = homeView({
    clusters,
    approvals,
    decides: actor.isApprover || actor.isAdmin,
    decided: active.decided,
    ...(everyone ? { everyone } : {}),
    ...(notice ? { notice } : {}),
    now: deps.now(),
  });
  await deps.slack.views.publish({ user_id: userId, view });
};
