import { z } from 'zod';
import { LeaseSchema, type LeaseSettings, resolveLease } from './lease';

/** How much of the shared bare metal a team may hold at once; an absent limit is no limit. */
export interface Quota {
  /** Live clusters: requested, approved, provisioning, running, deleting. */
  clusters?: number;
  /** The sum of every pool size of those clusters. */
  nodes?: number;
  /** The largest pool (control plane included). */
  nodesPerPool?: number;
}

/**
 * A team: the unit of configuration. Commands typed in its channels are its own; its clusters live in its Palette
 * project, are approved by its approvers (a quorum of `requiredApprovals`) in its approvals channel, may use only
 * its profiles and together stay within its quota.
 */
export interface Team {
  name: string;
  /** Channels whose commands belong to the team; empty for the implicit team, which serves every channel. */
  channels: readonly string[];
  /** Sent as `ProjectUid` on every Palette call for the team; absent = tenant scope. */
  paletteProjectUid?: string;
  approvalChannel: string;
  /** Slack user ids (U…/W…) and user-group ids (S…). */
  approvers: readonly string[];
  /** The team's admins, the global ADMINS included (they are admins of every team). */
  admins: readonly string[];
  requiredApprovals: number;
  /** Names of the cluster profiles the team may use; absent = every MAAS profile. */
  profiles?: readonly string[];
  quota: Quota;
  /** The team's lease rules: its teams-file `lease` block over the LEASE_* variables. */
  lease: LeaseSettings;
}

/** The teams the bot serves. */
export interface Teams {
  /** In the order of the teams file (one implicit team without one). */
  list: readonly Team[];
  /** The team of records made before teams were configured, and of records whose team has left the file. */
  defaultTeam: string;
  /** False when the teams come from the variables: one implicit team that serves every channel. */
  fromFile: boolean;
}

/** The name of the one team a bot without a teams file has. */
export const IMPLICIT_TEAM = 'default';

const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
const PERSON_OR_GROUP_ID = /^[UWS][A-Z0-9]{2,}$/;
const TEAM_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const channelId = z
  .string({ error: 'a channel id such as C0123ABCD (in Slack: the channel’s details, at the bottom)' })
  .regex(CHANNEL_ID, 'a channel id looks like C0123ABCD (or G… for an old private channel), not a #name');
const personOrGroup = z
  .string({ error: 'a Slack user id (U0123ABCD) or user-group id (S0123ABCD)' })
  .regex(PERSON_OR_GROUP_ID, 'a Slack id looks like U0123ABCD (a person) or S0123ABCD (a user group)');
const limit = (what: string) =>
  z
    .number({ error: `${what}: a whole number from 1` })
    .int(`${what}: a whole number from 1`)
    .min(1, `${what}: a whole number from 1`);
const idList = <T extends z.ZodType>(item: T, what: string, example: string) =>
  z.array(item, { error: `a list of ${what}, e.g. [${example}]` });

/** A team's quota as the teams file writes it. */
export const QuotaSchema = z
  .strictObject(
    {
      clusters: limit('clusters').optional(),
      nodes: limit('nodes').optional(),
      nodesPerPool: limit('nodesPerPool').optional(),
    },
    { error: 'a mapping with clusters, nodes and/or nodesPerPool' },
  )
  .refine((quota) => !quota.nodes || !quota.nodesPerPool || quota.nodesPerPool <= quota.nodes, {
    message: 'nodesPerPool cannot be more than nodes',
    path: ['nodesPerPool'],
  });

/** One team as the teams file writes it (defaults not yet applied). */
export const TeamEntrySchema = z.strictObject(
  {
    name: z
      .string({ error: 'the team’s name, e.g. payments' })
      .max(40, 'at most 40 characters')
      .regex(TEAM_NAME, 'lowercase letters, digits and "-", e.g. payments or data-platform'),
    channels: idList(channelId, 'channel ids', 'C0123ABCD').min(1, 'at least one channel'),
    paletteProjectUid: z.string({ error: 'the Palette project’s uid (a string)' }).min(1).optional(),
    approvalChannel: channelId,
    approvers: idList(personOrGroup, 'user or user-group ids', 'S0123ABCD').min(1, 'at least one approver'),
    admins: idList(personOrGroup, 'user or user-group ids', 'S0123ABCD').default([]),
    requiredApprovals: z
      .number({ error: 'how many approvals a request needs: 1 to 10' })
      .int('a whole number from 1 to 10')
      .min(1, 'a whole number from 1 to 10')
      .max(10, 'a whole number from 1 to 10')
      .optional(),
    profiles: z
      .array(z.string().min(1, 'a profile name'), { error: 'a list of cluster profile names' })
      .min(1, 'at least one profile (leave `profiles` out to allow every MAAS profile)')
      .optional(),
    quota: QuotaSchema.optional(),
    lease: LeaseSchema.optional(),
  },
  { error: 'a team: a mapping with name, channels, approvalChannel, approvers…' },
);
export type TeamEntry = z.infer<typeof TeamEntrySchema>;

/** Problems that involve several teams: a name or a channel used twice, a default team that is not listed. */
function crossTeamProblems(file: { defaultTeam?: string; teams: TeamEntry[] }, ctx: z.RefinementCtx): void {
  const names = new Map<string, number>();
  const channels = new Map<string, string>();
  file.teams.forEach((team, index) => {
    const earlier = names.get(team.name);
    if (earlier !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['teams', index, 'name'],
        message: `"${team.name}" is already the name of teams[${earlier}]`,
      });
    else names.set(team.name, index);
    team.channels.forEach((channel, at) => {
      const owner = channels.get(channel);
      if (owner !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['teams', index, 'channels', at],
          message: `${channel} already belongs to team "${owner}": a channel belongs to one team`,
        });
      else channels.set(channel, team.name);
    });
  });
  if (file.defaultTeam !== undefined && !names.has(file.defaultTeam))
    ctx.addIssue({
      code: 'custom',
      path: ['defaultTeam'],
      message: `no team is named "${file.defaultTeam}"`,
    });
}

/** The teams file: its teams, and which of them owns the records made before teams. */
export const TeamsFileSchema = z
  .strictObject(
    {
      defaultTeam: z.string({ error: 'the name of one of the teams' }).optional(),
      teams: z.array(TeamEntrySchema, { error: 'a list of teams' }).min(1, 'at least one team'),
    },
    { error: 'a mapping with `teams:` (a list of teams)' },
  )
  .superRefine(crossTeamProblems);
export type TeamsFile = z.infer<typeof TeamsFileSchema>;

/** What a team takes from the variables when the file leaves it out, and what every team shares. */
export interface TeamDefaults {
  /** PALETTE_PROJECT_UID: the project of teams that name none. */
  paletteProjectUid?: string;
  /** REQUIRED_APPROVALS. */
  requiredApprovals: number;
  /** ADMINS: admins of every team. */
  admins: readonly string[];
  /** LEASE_DEFAULT, LEASE_MAX, LEASE_REMINDERS, LEASE_NONE_ALLOWED: the lease rules of teams without a `lease` block. */
  lease: LeaseSettings;
}

const union = (...lists: (readonly string[])[]) => [...new Set(lists.flat())];

/** The teams of a checked teams file, with the variables' defaults applied. */
export function resolveTeams(file: TeamsFile, defaults: TeamDefaults): Teams {
  const list = file.teams.map(
    (entry): Team => ({
      name: entry.name,
      channels: entry.channels,
      ...((entry.paletteProjectUid ?? defaults.paletteProjectUid)
        ? { paletteProjectUid: entry.paletteProjectUid ?? defaults.paletteProjectUid }
        : {}),
      approvalChannel: entry.approvalChannel,
      approvers: entry.approvers,
      admins: union(defaults.admins, entry.admins),
      requiredApprovals: entry.requiredApprovals ?? defaults.requiredApprovals,
      ...(entry.profiles ? { profiles: entry.profiles } : {}),
      quota: entry.quota ?? {},
      lease: resolveLease(entry.lease, defaults.lease),
    }),
  );
  return { list, defaultTeam: file.defaultTeam ?? list[0]!.name, fromFile: true };
}

/** The one team of a bot without a teams file: every channel, the variables' approvers and quorum, no quota. */
export function implicitTeams(
  settings: TeamDefaults & { approvalChannel: string; approvers: string[] },
): Teams {
  const team: Team = {
    name: IMPLICIT_TEAM,
    channels: [],
    ...(settings.paletteProjectUid ? { paletteProjectUid: settings.paletteProjectUid } : {}),
    approvalChannel: settings.approvalChannel,
    approvers: settings.approvers,
    admins: [...settings.admins],
    requiredApprovals: settings.requiredApprovals,
    quota: {},
    lease: settings.lease,
  };
  return { list: [team], defaultTeam: IMPLICIT_TEAM, fromFile: false };
}

/** The team a channel belongs to: the implicit team serves every channel; with a file, undefined for others. */
export function teamOfChannel(teams: Teams, channelId: string): Team | undefined {
  if (!teams.fromFile) return teams.list[0];
  return teams.list.find((team) => team.channels.includes(channelId));
}

/** The team of a record: the one it names, else (made before teams, or its team left the file) the default. */
export function teamOfRecord(teams: Teams, record: { team?: string }): Team {
  const named = record.team === undefined ? undefined : teams.list.find((team) => team.name === record.team);
  return named ?? teams.list.find((team) => team.name === teams.defaultTeam) ?? teams.list[0]!;
}

/** The Palette project a record's cluster lives in: the one it was requested in, else its team's. */
export function projectOfRecord(
  teams: Teams,
  record: { team?: string; paletteProjectUid?: string },
): string | undefined {
  return record.paletteProjectUid ?? teamOfRecord(teams, record).paletteProjectUid;
}

/** Whether the team may use the profile named `profileName` (a team without a list may use every one). */
export function profileAllowed(team: Pick<Team, 'profiles'>, profileName: string): boolean {
  return team.profiles === undefined || team.profiles.includes(profileName);
}

/** Whether the team has any limit at all. */
export function hasQuota(team: Pick<Team, 'quota'>): boolean {
  const { clusters, nodes, nodesPerPool } = team.quota;
  return clusters !== undefined || nodes !== undefined || nodesPerPool !== undefined;
}
