import type { Deps } from '../../deps';
import type { ClusterRecord } from '../../domain/cluster';
import { type Actor, decide } from '../../domain/policy';
import type { Team } from '../../domain/team';
import { HOME_LIMITS, homeView, type LinkedCluster } from '../../slack/blocks/home';
import { resolveActor } from '../../slack/roles';
import { permalinkOf } from '../../slack/thread';
import { scopeOfRecord } from '../../teams/scope';
import type { JobHandler } from '../handler';

/** Active records read for the tab: bounded, so a large fleet never slows it. */
const ACTIVE_SCAN_LIMIT = 500;

/** The person with the roles each team gives them, each team resolved once. */
function actorsOf(deps: Deps, userId: string): (team: Team) => Promise<Actor> {
  const actors = new Map<string, Promise<Actor>>();
  return (team) => {
    let actor = actors.get(team.name);
    if (!actor) {
      actor = resolveActor(deps, userId, team);
      actors.set(team.name, actor);
    }
    return actor;
  };
}

const decides = (actor: Actor) => actor.isApprover || actor.isAdmin;

/** What one pass over the active records gives the tab of a person. */
interface ActiveView {
  /** Requests waiting for a decision the person may make now (not their own, not already approved by them). */
  decidable: ClusterRecord[];
  /** Active clusters the person approved or rejected. */
  decided: ClusterRecord[];
  /** Every active cluster of the teams the person is an admin of. */
  everyone: ClusterRecord[];
}

/**
 * Reads the active index once (bounded) for everything the tab shows beyond the person's own clusters, each record
 * judged with the roles its team gives the person.
 */
async function activeView(
  deps: Deps,
  userId: string,
  actorIn: (team: Team) => Promise<Actor>,
): Promise<ActiveView> {
  const now = deps.now();
  const view: ActiveView = { decidable: [], decided: [], everyone: [] };
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await deps.store.listActive({ limit: 100, ...(cursor ? { cursor } : {}) });
    read += page.items.length;
    for (const record of page.items) {
      const approvedByMe = record.approvals.some((approval) => approval.userId === userId);
      if (approvedByMe || record.rejection?.userId === userId) view.decided.push(record);
      const scope = scopeOfRecord(deps, record);
      const actor = await actorIn(scope.team);
      if (
        record.state === 'PENDING_APPROVAL' &&
        !approvedByMe &&
        decides(actor) &&
        decide('approve', actor, record, now, scope.policy).ok
      )
        view.decidable.push(record);
      if (actor.isAdmin) view.everyone.push(record);
    }
    cursor = page.cursor;
  } while (cursor && read < ACTIVE_SCAN_LIMIT);
  // One more than shown is enough for the tab to say more are waiting.
  return {
    ...view,
    decidable: view.decidable.slice(0, HOME_LIMITS.approvals + 1),
    everyone: view.everyone.slice(0, HOME_LIMITS.everyone + 1),
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
  const actorIn = actorsOf(deps, userId);
  const [mine, active, roles] = await Promise.all([
    deps.store.listByRequester(userId, HOME_LIMITS.clusters),
    activeView(deps, userId, actorIn),
    Promise.all(deps.config.teams.list.map(actorIn)),
  ]);
  const [clusters, approvals, everyone] = await Promise.all([
    withLinks(deps, mine, threadOf),
    withLinks(deps, active.decidable, cardOf),
    roles.some((actor) => actor.isAdmin) ? withLinks(deps, active.everyone, threadOf) : undefined,
  ]);
  const view = homeView({
    clusters,
    approvals,
    decides: roles.some(decides),
    decided: active.decided,
    ...(everyone ? { everyone } : {}),
    ...(notice ? { notice } : {}),
    now: deps.now(),
  });
  await deps.slack.views.publish({ user_id: userId, view });
};
