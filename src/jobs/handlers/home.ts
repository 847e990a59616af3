import type { Deps } from '../../deps';
import type { ClusterRecord } from '../../domain/cluster';
import { type Actor, decide } from '../../domain/policy';
import type { Team } from '../../domain/team';
import { HOME_LIMITS, homeView, type LinkedCluster } from '../../slack/blocks/home';
import { resolveActor } from '../../slack/roles';
import { permalinkOf } from '../../slack/thread';
import { scopeOfRecord } from '../../teams/scope';
import type { JobHandler } from '../handler';

/** Active records read when looking for requests to decide: bounded, so a large fleet never slows the tab. */
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

/**
 * Requests waiting for a decision the person may make now (not their own, not already approved by them), each
 * judged with the roles the request's team gives them.
 */
async function decidable(
  deps: Deps,
  userId: string,
  actorIn: (team: Team) => Promise<Actor>,
): Promise<ClusterRecord[]> {
  const now = deps.now();
  const found: ClusterRecord[] = [];
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await deps.store.listActive({ limit: 100, ...(cursor ? { cursor } : {}) });
    read += page.items.length;
    for (const record of page.items) {
      if (record.state !== 'PENDING_APPROVAL') continue;
      if (record.approvals.some((approval) => approval.userId === userId)) continue;
      const scope = scopeOfRecord(deps, record);
      const actor = await actorIn(scope.team);
      if (decides(actor) && decide('approve', actor, record, now, scope.policy).ok) found.push(record);
    }
    cursor = page.cursor;
  } while (cursor && read < ACTIVE_SCAN_LIMIT && found.length <= HOME_LIMITS.approvals);
  // One more than shown is enough for the tab to say more are waiting.
  return found.slice(0, HOME_LIMITS.approvals + 1);
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

/**
 * Publishes a person's App Home tab (after `app_home_opened` or Refresh): their clusters with state and a link to
 * each thread, the requests they may approve with the card's buttons, and the recent history of their clusters.
 */
export const homeJob: JobHandler<'home'> = async ({ userId }, deps) => {
  const actorIn = actorsOf(deps, userId);
  const [mine, pending, roles] = await Promise.all([
    deps.store.listByRequester(userId, HOME_LIMITS.clusters),
    decidable(deps, userId, actorIn),
    Promise.all(deps.config.teams.list.map(actorIn)),
  ]);
  const [clusters, approvals] = await Promise.all([
    withLinks(deps, mine, (record) =>
      record.slack.threadTs ? { channel: record.slack.channel, ts: record.slack.threadTs } : undefined,
    ),
    withLinks(deps, pending, (record) =>
      record.slack.approvalChannel && record.slack.approvalTs
        ? { channel: record.slack.approvalChannel, ts: record.slack.approvalTs }
        : undefined,
    ),
  ]);
  const view = homeView({
    clusters,
    approvals,
    decides: roles.some(decides),
    now: deps.now(),
  });
  await deps.slack.views.publish({ user_id: userId, view });
};
