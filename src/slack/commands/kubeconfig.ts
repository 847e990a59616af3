import { requestKubeconfig } from '../kubeconfig-request';
import { checkClusterAction } from './guard';
import type { CommandHandler } from './types';

/**
 * `/maas kubeconfig NAME`: policy decides (a running cluster, its requester or an admin of its team); the file
 * goes to the person in a DM, never in the channel (or, with KUBECONFIG_DELIVERY=link, a link to Palette).
 */
export const kubeconfig: CommandHandler<'kubeconfig'> = async (command, context) => {
  const checked = await checkClusterAction('kubeconfig', command.name, context);
  if (!checked.ok) return checked.answer;
  return requestKubeconfig(context.deps, checked.record, checked.actor, context.slash.trigger_id);
};
