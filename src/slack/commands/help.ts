import { HELP_TEXT, helpBlocks } from '../blocks/help';
import type { CommandHandler } from './types';

/** `/maas help`: every subcommand with an example, with the waits this bot is configured for. */
export const help: CommandHandler<'help'> = async (_command, { deps }) => ({
  text: HELP_TEXT,
  blocks: helpBlocks(deps.config.policy),
});
