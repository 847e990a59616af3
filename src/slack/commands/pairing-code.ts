import { paletteTroubleAnswer } from '../blocks/answers';
import { pairingCodeAnswer } from '../blocks/gateway';
import { readWithinBudget } from '../budget';
import { checkTeamAction } from './guard';
import type { CommandHandler } from './types';

/**
 * `/maas gateway pairing-code`: the team's admins get a pairing code for a new MAAS gateway in the team's Palette
 * project, and the install steps.
 */
export const pairingCode: CommandHandler<'pairing-code'> = async (_command, context) => {
  const checked = await checkTeamAction('pairing-code', context);
  if (!checked.ok) return checked.answer;
  const code = await readWithinBudget(() => checked.scope.palette.pairingCode());
  if (!code.ok) return paletteTroubleAnswer('get a pairing code', code.problem);
  context.deps.logger.info('Gateway pairing code handed out', { userId: context.slash.user_id });
  return pairingCodeAnswer(code.value);
};
