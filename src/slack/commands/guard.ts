import type { ClusterRecord } from '../../domain/cluster';
import { type Action, type Actor, decide, PERMISSIONS } from '../../domain/policy';
import { clusterNameProblem } from '../../domain/spec';
import type { Team } from '../../domain/team';
import { escapeText, truncate } from '../../domain/text';
import { scopeOfChannel, scopeOfRecord, type TeamScope } from '../../teams/scope';
import { type Answer, noticeAnswer } from '../blocks/answers';
import { noTeamAnswer } from '../blocks/teams';
import { refusalFor, resolveActor } from '../roles';
import type { CommandContext } from './types';

/** Either the go-ahead with what was looked up, or the answer that explains the refusal. */
export type Checked<T> = ({ ok: true } & T) | { ok: false; answer: Answer };

/**
 * Who is asking, with the roles `team` gives them. Slack's user groups are listed only when the action's rule
 * names roles: for actions anyone may take `decide` never reads them, so the actor is given none.
 */
function actorOf(action: Action, { deps, slash }: CommandContext, team: Team): Promise<Actor> {
  if (PERMISSIONS[action].roles === 'anyone')
    return Promise.resolve({ userId: slash.user_id, isApprover: false, isAdmin: false });
  return resolveActor(deps, slash.user_id, team);
}

/**
 * For commands about one cluster: finds it by name, resolves who is asking with the roles of the cluster's team
 * (wherever the command was typed), and asks policy (`decide`) with that team's settings. Refusals come back as
 * the answer to show — why, what to do instead, and who in the team can.
 */
export async function checkClusterAction(
  action: Action,
  name: string,
  context: CommandContext,
): Promise<Checked<{ record: ClusterRecord; actor: Actor; scope: TeamScope }>> {
  const { deps } = context;
  const record = clusterNameProblem(name) ? undefined : await deps.store.findByName(name);
  if (!record)
    return {
      ok: false,
      answer: noticeAnswer(
        `There is no cluster named \`${escapeText(truncate(name, 80))}\`; see \`/maas list\`.`,
      ),
    };
  const scope = scopeOfRecord(deps, record);
  const actor = await actorOf(action, context, scope.team);
  const decision = decide(action, actor, record, deps.now(), scope.policy);
  if (!decision.ok) return { ok: false, answer: refusalFor(scope.team, decision, record.requester) };
  return { ok: true, record, actor, scope };
}

/**
 * For commands of the channel's team, not about one cluster (create, list, quota, gateway, pairing code): the
 * team the channel belongs to — a channel of no team gets an answer naming the teams' channels and who to ask —
 * then who is asking, with that team's roles, and may they.
 */
export async function checkTeamAction(
  action: Action,
  context: CommandContext,
): Promise<Checked<{ actor: Actor; scope: TeamScope }>> {
  const { deps, slash } = context;
  const scope = scopeOfChannel(deps, slash.channel_id);
  if (!scope) return { ok: false, answer: noTeamAnswer(deps.config, slash.channel_id) };
  const actor = await actorOf(action, context, scope.team);
  const decision = decide(action, actor, undefined, deps.now(), scope.policy);
  if (!decision.ok) return { ok: false, answer: refusalFor(scope.team, decision) };
  return { ok: true, actor, scope };
}
