import { teamOfChannel } from '../../domain/team';
import { HELP_TEXT, helpBlocks } from '../blocks/help';
import { teamHelpLine } from '../blocks/teams';
import type { CommandHandler } from './types';

/**
 * `/maas help`: every subcommand with an example, with the waits this bot is configured for, and (with teams)
 * which team the channel belongs to.
 */
export const help: CommandHandler<'help'> = async (_command, { deps, slash }) => {
  const team = teamOfChannel(deps.config.teams, slash.channel_id);
  return {
    text: HELP_TEXT,
    blocks: helpBlocks(deps.config.policy, teamHelpLine(deps.config, team, slash.channel_id)),
  };
};
