import { upcomingWorkspaceCommand } from './guard';
import type { CommandHandler } from './types';

/** `/maas list`: policy is checked; the allowed path arrives with its issue. */
export const list: CommandHandler<'list'> = upcomingWorkspaceCommand('list');
