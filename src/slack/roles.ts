import type { WebClient } from '@slack/web-api';
import type { Deps } from '../deps';
import type { Actor, Refusal, Role } from '../domain/policy';
import type { Team } from '../domain/team';
import { type Answer, refusalAnswer } from './blocks/answers';

/** How long a user group's members are trusted before Slack is asked again. */
export const GROUP_CACHE_SECONDS = 180;

interface CachedGroup {
  /** The members, or the lookup still in flight (shared by everyone asking meanwhile). */
  members: Promise<Set<string>>;
  fetchedAt: number;
}

/** One cache per WebClient (so per workspace and per test), kept for the life of the process or Lambda container. */
const groupCaches = new WeakMap<WebClient, Map<string, CachedGroup>>();

const isGroup = (id: string) => id.startsWith('S');

function groupMembers(deps: Deps, groupId: string): Promise<Set<string>> {
  let cache = groupCaches.get(deps.slack);
  if (!cache) {
    cache = new Map();
    groupCaches.set(deps.slack, cache);
  }
  const now = deps.now().getTime();
  const cached = cache.get(groupId);
  if (cached && now - cached.fetchedAt < GROUP_CACHE_SECONDS * 1000) return cached.members;
  const members = deps.slack.usergroups.users.list({ usergroup: groupId }).then(
    (result) => new Set(result.users ?? []),
    (error: unknown) => {
      // Fail closed: a group Slack will not list grants nobody anything (and is asked again next time).
      if (cache.get(groupId) === entry) cache.delete(groupId);
      deps.logger.warn('Could not list a Slack user group; treating it as empty', {
        groupId,
        error: error instanceof Error ? error.message : String(error),
      });
      return new Set<string>();
    },
  );
  const entry: CachedGroup = { members, fetchedAt: now };
  cache.set(groupId, entry);
  return members;
}

async function holds(deps: Deps, ids: readonly string[], userId: string): Promise<boolean> {
  if (ids.includes(userId)) return true;
  const groups = await Promise.all(ids.filter(isGroup).map((groupId) => groupMembers(deps, groupId)));
  return groups.some((members) => members.has(userId));
}

/**
 * The person acting, with the roles `team` gives them: its approvers and admins (the global ADMINS among them)
 * hold user ids and user-group ids; groups are expanded with `usergroups.users.list` (cached a few minutes). The
 * team is the record's or the channel's (src/teams/scope.ts): an approver of one team is nobody in another. Call
 * it when the person acts (command, click), never from a stale message, so a removal from a group takes effect
 * within minutes.
 */
export async function resolveActor(deps: Deps, userId: string, team: Team): Promise<Actor> {
  const [isApprover, isAdmin] = await Promise.all([
    holds(deps, team.approvers, userId),
    holds(deps, team.admins, userId),
  ]);
  return { userId, isApprover, isAdmin };
}

/** A Slack mention of a user or a user group. */
export const mentionId = (id: string) => (isGroup(id) ? `<!subteam^${id}>` : `<@${id}>`);

/** Everyone holding a role: the user ids given, and the members of the user groups given (cached as above). */
export async function roleMembers(deps: Deps, ids: readonly string[]): Promise<Set<string>> {
  const people = new Set(ids.filter((id) => !isGroup(id)));
  const groups = await Promise.all(ids.filter(isGroup).map((groupId) => groupMembers(deps, groupId)));
  for (const members of groups) for (const userId of members) people.add(userId);
  return people;
}

/** " of payments" for a team from the teams file; nothing for the implicit team (a bot without teams). */
const ofTeam = (team: Team) => (team.channels.length > 0 ? ` of ${team.name}` : '');

function whoHolds(team: Team, role: Role, requester: string | undefined): string | undefined {
  if (role === 'requester') return requester ? `the requester, ${mentionId(requester)}` : 'the requester';
  const ids = role === 'admin' ? team.admins : team.approvers;
  const name = role === 'admin' ? 'admins' : 'approvers';
  return ids.length > 0 ? `${name}${ofTeam(team)} (${ids.map(mentionId).join(', ')})` : undefined;
}

/**
 * Names who can do something in a team, for a refusal: "approvers of payments (<!subteam^S…>) or admins of
 * payments (<@U…>)". Roles nobody holds are left out; undefined when nobody at all is configured.
 */
export function describeWho(team: Team, roles: readonly Role[], requester?: string): string | undefined {
  const parts = roles
    .map((role) => whoHolds(team, role, requester))
    .filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(' or ') : undefined;
}

/** A refusal from policy as the answer to show: why, what to do instead, and who in the team can. */
export function refusalFor(team: Team, refusal: Refusal, requester?: string): Answer {
  return refusalAnswer(refusal, describeWho(team, refusal.allowedRoles ?? [], requester));
}

/** Who can press Force delete in the team, named for the notice (nothing when no admin is configured). */
export function withAdmins(team: Team): { admins?: string } {
  const admins = describeWho(team, ['admin']);
  return admins ? { admins } : {};
}
