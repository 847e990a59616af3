import { allocatedMachines } from '../../palette/leftovers';
import { noticeAnswer } from '../blocks/answers';
import { forceDeleteAlreadySent, forceDeleteOffer } from '../blocks/force-delete';
import { readWithinBudget } from '../budget';
import { withAdmins } from '../roles';
import { checkClusterAction } from './guard';
import type { CommandHandler } from './types';

/**
 * `/maas force-delete NAME`: policy decides (admins only, only while deleting, only once the window has opened —
 * before it, the answer gives the estimated time). When allowed, the admin gets the warning, the machines still
 * allocated and the Force delete button, so they still confirm: nothing is sent from the command itself.
 */
export const forceDelete: CommandHandler<'force-delete'> = async (command, context) => {
  const checked = await checkClusterAction('force-delete', command.name, context);
  if (!checked.ok) return checked.answer;
  const { record, scope } = checked;
  const { deps } = context;
  if (record.forceDeleteAt) return noticeAnswer(forceDeleteAlreadySent(record, deps.now()));
  const machines = await readWithinBudget(() => allocatedMachines(scope.palette, record));
  return forceDeleteOffer(
    {
      cluster: record,
      deletingSince: record.deletingSince ?? record.updatedAt,
      leftovers: machines.ok ? machines.value : { unknown: machines.problem },
      ...withAdmins(scope.team),
    },
    deps.now(),
  );
};
