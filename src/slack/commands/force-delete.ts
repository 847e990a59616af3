import { upcomingClusterCommand } from './guard';
import type { CommandHandler } from './types';

/** `/maas force-delete NAME`: policy is checked; the allowed path arrives with its issue. */
export const forceDelete: CommandHandler<'force-delete'> = upcomingClusterCommand('force-delete');
