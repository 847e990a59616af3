import { paletteTroubleAnswer } from '../blocks/answers';
import { gatewayListAnswer } from '../blocks/gateway';
import { readWithinBudget } from '../budget';
import { checkWorkspaceAction } from './guard';
import type { CommandHandler } from './types';

/** `/maas gateway`: the Private Cloud Gateways with their health, node count and HA advice; anyone may ask. */
export const gateway: CommandHandler<'gateway'> = async (_command, context) => {
  const checked = await checkWorkspaceAction('gateway', context);
  if (!checked.ok) return checked.answer;
  const gateways = await readWithinBudget(() => context.deps.palette.listGateways());
  if (!gateways.ok) return paletteTroubleAnswer('list the gateways', gateways.problem);
  return gatewayListAnswer(gateways.value, context.deps.now());
};
