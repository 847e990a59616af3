import type { KnownBlock } from '@slack/types';
import { type HelpSettings, helpLines } from '../../domain/command';
import { section } from './cluster-facts';

/** The notification text of `/maas help`. */
export const HELP_TEXT = 'What `/maas` can do';

/**
 * `/maas help`: a title, the channel's team when there are teams, then every subcommand on its own line with an
 * example (as this bot is configured).
 */
export function helpBlocks(settings: HelpSettings, teamLine?: string): KnownBlock[] {
  return [
    { type: 'header', text: { type: 'plain_text', text: 'MAAS clusters through Palette' } },
    ...(teamLine ? [section(teamLine)] : []),
    section(helpLines(settings).join('\n')),
  ];
}
