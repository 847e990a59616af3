import { deletionCommand } from './delete';
import type { CommandHandler } from './types';

/** `/maas abort NAME`: only while provisioning, by its requester or an admin; confirmed by typing the name. */
export const abort: CommandHandler<'abort'> = deletionCommand('abort');
