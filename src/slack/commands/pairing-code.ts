import { upcomingWorkspaceCommand } from './guard';
import type { CommandHandler } from './types';

/** `/maas gateway pairing-code`: policy is checked; the allowed path arrives with its issue. */
export const pairingCode: CommandHandler<'pairing-code'> = upcomingWorkspaceCommand('pairing-code');
