import type { KnownBlock } from '@slack/types';
import { type HelpSettings, helpLines } from '../../domain/command';
import { section } from './cluster-facts';

/** The notification text of `/maas help`. */
export const HELP_TEXT = 'What `/maas` can do';

/** `/maas help`: a title, then every subcommand on its own line with an example (as this bot is configured). */
export function helpBlocks(settings: HelpSettings): KnownBlock[] {
  return [
    { type: 'header', text: { type: 'plain_text', text: 'MAAS clusters through Palette' } },
    section(helpLines(settings).join('\n')),
  ];
}
