import { upcomingClusterCommand } from './guard';
import type { CommandHandler } from './types';

/** `/maas status NAME`: policy is checked; the allowed path arrives with its issue. */
export const status: CommandHandler<'status'> = upcomingClusterCommand('status');
