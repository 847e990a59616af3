import type { Command } from '../../domain/command';
import type { Answer } from '../blocks/answers';
import { type DeletionKind, deleteConfirmView } from '../blocks/delete';
import { openModal } from '../modal';
import { checkClusterAction } from './guard';
import type { CommandHandler } from './types';

/**
 * `/maas delete NAME` and `/maas abort NAME`: policy decides (a running cluster is deleted, a provisioning one
 * aborted, by its requester or an admin); when allowed, a modal asks the person to type the name. Nothing changes
 * until they submit it (see views/delete-confirm.ts).
 */
export function deletionCommand<K extends DeletionKind>(kind: K): CommandHandler<K> {
  return async (command, context): Promise<Answer | undefined> => {
    // Both kinds carry the cluster's name; TypeScript cannot narrow a generic K to see it.
    const { name } = command as Extract<Command, { kind: DeletionKind }>;
    const checked = await checkClusterAction(kind, name, context);
    if (!checked.ok) return checked.answer;
    const again = `Please run \`/maas ${kind} ${checked.record.name}\` again`;
    return openModal(
      context.deps,
      () =>
        context.client.views.open({
          trigger_id: context.slash.trigger_id,
          view: deleteConfirmView(checked.record, kind),
        }),
      {
        log: 'Could not open the deletion confirmation',
        details: { kind },
        expired: `:hourglass: Slack closed the window for opening the confirmation before I could. ${again}.`,
        other: `:warning: I could not open the confirmation just now. ${again} in a minute.`,
      },
    );
  };
}

/** `/maas delete NAME`: only a running cluster, by its requester or an admin; confirmed by typing the name. */
export const deleteCluster: CommandHandler<'delete'> = deletionCommand('delete');
