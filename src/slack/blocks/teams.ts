import type { KnownBlock } from '@slack/types';
import type { Config } from '../../config';
import { type QuotaVerdict, quotaLines, type Usage } from '../../domain/quota';
import type { Team, Teams } from '../../domain/team';
import { describeWho, mentionId } from '../roles';
import { type Answer, noticeAnswer } from './answers';
import { context, section } from './cluster-facts';

/** A channel as Slack shows it, or "this conversation" for a DM (which no team owns). */
const channelRef = (channel: string) => (/^[CG]/.test(channel) ? `<#${channel}>` : 'This conversation');

/** Each team with its channels: "payments (<#C1>, <#C2>) · data (<#C3>)". */
function teamChannels(teams: Teams): string {
  return teams.list
    .map((team) => `*${team.name}* (${team.channels.map((channel) => `<#${channel}>`).join(', ')})`)
    .join(' · ');
}

/**
 * The answer to a team command typed in a channel of no team: why nothing happens, where to type it instead, and
 * who can add the channel to a team (the global admins).
 */
export function noTeamAnswer(config: Pick<Config, 'teams' | 'admins'>, channel: string): Answer {
  const who =
    config.admins.length > 0
      ? `ask an admin (${config.admins.map(mentionId).join(', ')}) to add it to a team in the teams file`
      : 'ask whoever keeps the bot’s teams file to add it to a team';
  return noticeAnswer(
    [
      `:no_entry_sign: ${channelRef(channel)} belongs to no team, so I cannot tell which Palette project, approvers and quota to use.`,
      `Run \`/maas\` in your team’s channel: ${teamChannels(config.teams)}.`,
      `To use this channel, ${who}.`,
    ].join('\n'),
  );
}

/** What `/maas help` says about the channel's team (nothing for a bot without teams). */
export function teamHelpLine(
  config: Pick<Config, 'teams' | 'admins'>,
  team: Team | undefined,
  channel: string,
) {
  if (!config.teams.fromFile) return undefined;
  if (!team)
    return `:no_entry_sign: ${channelRef(channel)} belongs to no team: cluster commands work here, but requests, lists and quotas need your team’s channel (${teamChannels(config.teams)}).`;
  const project = team.paletteProjectUid
    ? `Palette project \`${team.paletteProjectUid}\``
    : 'Palette tenant scope';
  return `:busts_in_silhouette: This channel belongs to team *${team.name}*: ${project}, approvals in <#${team.approvalChannel}>. \`/maas quota\` shows its quota.`;
}

/** A refusal by the team's quota: the numbers, what to do instead, and who can raise the quota. */
export function quotaRefusalAnswer(team: Team, refusal: Extract<QuotaVerdict, { ok: false }>): Answer {
  const admins = describeWho(team, ['admin']);
  return noticeAnswer(
    [
      `:no_entry: ${refusal.reason}`,
      refusal.hint,
      ...(admins ? [`Who can raise the quota: ${admins}.`] : []),
    ].join('\n'),
  );
}

/** `/maas quota`: the team's usage against each of its limits, and what counts. */
export function quotaAnswer(team: Team, usage: Usage): Answer {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `Quota of ${team.name}` } },
    section(quotaLines(team, usage).join('\n')),
    context(
      'Live clusters count (requested, approved, provisioning, running, deleting) with every pool’s nodes. A request is checked at review with pending requests counted, and admitted at approval against approved clusters only.',
    ),
  ];
  return { text: `Quota of ${team.name}`, blocks };
}
