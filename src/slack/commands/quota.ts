import { teamUsage } from '../../teams/quota';
import { quotaAnswer } from '../blocks/teams';
import { checkTeamAction } from './guard';
import type { CommandHandler } from './types';

/** `/maas quota`: the channel's team's clusters and nodes against each of its limits; anyone may ask. */
export const quota: CommandHandler<'quota'> = async (_command, context) => {
  const checked = await checkTeamAction('quota', context);
  if (!checked.ok) return checked.answer;
  const { team } = checked.scope;
  return quotaAnswer(team, await teamUsage(context.deps, team.name));
};
