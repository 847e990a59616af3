import { upcomingClusterCommand } from './guard';
import type { CommandHandler } from './types';

/** `/maas abort NAME`: policy is checked; the allowed path arrives with its issue. */
export const abort: CommandHandler<'abort'> = upcomingClusterCommand('abort');
