import { paletteTroubleAnswer } from '../blocks/answers';
import { gatewayListAnswer } from '../blocks/gateway';
import { readWithinBudget } from '../budget';
import { checkTeamAction } from './guard';
import type { CommandHandler } from './types';

/**
 * `/maas gateway`: the Private Cloud Gateways of the team's Palette project with their health, node count and HA
 * advice; anyone may ask.
 */
export const gateway: CommandHandler<'gateway'> = async (_command, context) => {
  const checked = await checkTeamAction('gateway', context);
  if (!checked.ok) return checked.answer;
  const gateways = await readWithinBudget(() => checked.scope.palette.listGateways());
  if (!gateways.ok) return paletteTroubleAnswer('list the gateways', gateways.problem);
  return gatewayListAnswer(gateways.value, context.deps.now());
};
