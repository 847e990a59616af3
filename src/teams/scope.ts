import type { Deps } from '../deps';
import type { ClusterRecord } from '../domain/cluster';
import type { PolicySettings } from '../domain/policy';
import { projectOfRecord, type Team, teamOfChannel, teamOfRecord } from '../domain/team';
import type { Palette } from '../palette/port';

/**
 * A team with what acting for it takes. This module is THE way to the team of a record or a channel, and to the
 * Palette client and policy settings that go with it; the actor with this team's roles is `resolveActor(deps,
 * userId, scope.team)` (src/slack/roles.ts).
 */
export interface TeamScope {
  team: Team;
  /** Palette in the team's project; for a record, the project its cluster was requested in. */
  palette: Palette;
  /** The shared policy settings with this team's quorum: what `decide` and `recordApproval` take. */
  policy: PolicySettings;
}

type ScopeDeps = Pick<Deps, 'config' | 'palettes'>;

/** The scope of a team, its Palette client in `projectUid` (default: the team's project). */
export function scopeOfTeam(
  deps: ScopeDeps,
  team: Team,
  projectUid: string | undefined = team.paletteProjectUid,
): TeamScope {
  return {
    team,
    palette: deps.palettes.forProject(projectUid),
    policy: { ...deps.config.policy, requiredApprovals: team.requiredApprovals },
  };
}

/**
 * The scope of a cluster record: its team (the default team for a record made before teams, or whose team has
 * left the teams file) and Palette in the project the cluster was requested in.
 */
export function scopeOfRecord(
  deps: ScopeDeps,
  record: Pick<ClusterRecord, 'team' | 'paletteProjectUid'>,
): TeamScope {
  const { teams } = deps.config;
  return scopeOfTeam(deps, teamOfRecord(teams, record), projectOfRecord(teams, record));
}

/** The scope of the team a channel belongs to; undefined when it belongs to none (only with a teams file). */
export function scopeOfChannel(deps: ScopeDeps, channelId: string): TeamScope | undefined {
  const team = teamOfChannel(deps.config.teams, channelId);
  return team ? scopeOfTeam(deps, team) : undefined;
}
