import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps';
import { type Command, parseCommand } from '../../domain/command';
import { type Answer, commandErrorAnswer } from '../blocks/answers';
import { abort } from './abort';
import { backupPolicy } from './backup-policy';
import { backups } from './backups';
import { createCluster } from './create-cluster';
import { backupNow, scanNow } from './day2-now';
import { deleteCluster } from './delete';
import { forceDelete } from './force-delete';
import { gateway } from './gateway';
import { help } from './help';
import { kubeconfig } from './kubeconfig';
import { extend, keep, lease } from './lease';
import { list } from './list';
import { osPatch } from './os-patch';
import { pairingCode } from './pairing-code';
import { patchNow } from './patch-now';
import { quota } from './quota';
import { scale } from './scale';
import { scanSchedules } from './scan-schedules';
import { status } from './status';
import type { CommandContext, CommandHandler } from './types';

/** The slash command this router serves. */
export const MAAS_COMMAND = '/maas';

/** Every subcommand's handler, by command kind: add a subcommand by adding its file and one line here. */
const HANDLERS: { [K in Command['kind']]: CommandHandler<K> } = {
  help,
  'create-cluster': createCluster,
  list,
  quota,
  status,
  delete: deleteCluster,
  abort,
  'force-delete': forceDelete,
  scale,
  gateway,
  'pairing-code': pairingCode,
  kubeconfig,
  lease,
  extend,
  keep,
  'backup-now': backupNow,
  'backup-policy': backupPolicy,
  backups,
  'scan-now': scanNow,
  'scan-schedules': scanSchedules,
  'patch-now': patchNow,
  'patch-settings': osPatch,
};

function run(command: Command, context: CommandContext): Promise<Answer | undefined> {
  // One lookup by the command's own kind: the map's type guarantees the handler takes this command.
  const handler = HANDLERS[command.kind] as CommandHandler<Command['kind']>;
  return handler(command as never, context);
}

/** The `/maas` listener: parse, dispatch by kind, and answer only to the person (ephemeral). */
export function maasCommand(deps: Deps) {
  return async ({ command: slash, ack, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const command = parseCommand(slash.text);
    const answer =
      command.kind === 'error'
        ? commandErrorAnswer(command.message)
        : await run(command, { deps, slash, client });
    await ack(answer ? { response_type: 'ephemeral', ...answer } : undefined);
  };
}
