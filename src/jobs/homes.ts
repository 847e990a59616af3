import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import { roleMembers } from '../slack/roles';
import { scopeOfRecord } from '../teams/scope';

/** Tabs re-published for one request at most: Slack's views.publish allows about 100 a minute. */
const MAX_HOMES = 50;

/**
 * Re-publishes the App Home of everyone whose tab shows this request — its requester, whoever decided it, and
 * everyone who may decide its team's requests (their "Waiting for my approval") — so a decided request never stays there
 * with live buttons. One `home` job each; a person who never opened the tab simply gets it ready.
 */
export async function refreshHomesFor(deps: Deps, record: ClusterRecord): Promise<void> {
  const people = new Set([
    record.requester,
    ...record.approvals.map((approval) => approval.userId),
    ...(record.rejection ? [record.rejection.userId] : []),
  ]);
  const { team } = scopeOfRecord(deps, record);
  for (const userId of await roleMembers(deps, [...team.approvers, ...team.admins])) people.add(userId);
  await Promise.all(
    [...people].slice(0, MAX_HOMES).map((userId) => deps.jobs.dispatch({ kind: 'home', userId })),
  );
}
