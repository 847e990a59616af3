import { HELP_TEXT, helpBlocks } from '../blocks/help';
import type { CommandHandler } from './types';

/** `/maas help`: every subcommand with an example. */
export const help: CommandHandler<'help'> = async () => ({ text: HELP_TEXT, blocks: helpBlocks() });
