import { upcomingWorkspaceCommand } from './guard';
import type { CommandHandler } from './types';

/** `/maas gateway`: policy is checked; the allowed path arrives with its issue. */
export const gateway: CommandHandler<'gateway'> = upcomingWorkspaceCommand('gateway');
