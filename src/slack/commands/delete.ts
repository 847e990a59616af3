import { upcomingClusterCommand } from './guard';
import type { CommandHandler } from './types';

/** `/maas delete NAME`: policy is checked; the allowed path arrives with its issue. */
export const deleteCluster: CommandHandler<'delete'> = upcomingClusterCommand('delete');
