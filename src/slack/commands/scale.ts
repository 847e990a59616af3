import { upcomingClusterCommand } from './guard';
import type { CommandHandler } from './types';

/** `/maas scale NAME`: policy is checked; the allowed path arrives with its issue. */
export const scale: CommandHandler<'scale'> = upcomingClusterCommand('scale');
