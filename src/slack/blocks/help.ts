import type { KnownBlock } from '@slack/types';
import { helpLines } from '../../domain/command';
import { section } from './cluster-facts';

/** The notification text of `/maas help`. */
export const HELP_TEXT = 'What `/maas` can do';

/** `/maas help`: a title, the channel's team when there are teams, then every subcommand with an example. */
export function helpBlocks(teamLine?: string): KnownBlock[] {
  return [
    { type: 'header', text: { type: 'plain_text', text: 'MAAS clusters through Palette' } },
    ...(teamLine ? [section(teamLine)] : []),
    section(helpLines().join('\n')),
  ];
}
