import { PaletteError } from '../../palette/errors';
import { noticeAnswer } from '../blocks/answers';
import { gatewayListAnswer } from '../blocks/gateway';
import { checkWorkspaceAction } from './guard';
import type { CommandHandler } from './types';

/** How long a listener waits for Palette: Slack wants its answer within 3 s, and the rest of the work needs some. */
export const PALETTE_READ_BUDGET_MS = 1_500;

/** A Palette read inside a listener: its value, or why there is none, written for people. */
export type BudgetedRead<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * Reads from Palette with a time budget (the listener must answer Slack in time). A read that runs out is left
 * to finish on its own; its answer is dropped. Palette's failures come back as its own message; anything else is
 * a bug and is thrown (Bolt's error handler answers the person kindly).
 */
export async function readWithinBudget<T>(
  read: () => Promise<T>,
  budgetMs: number = PALETTE_READ_BUDGET_MS,
): Promise<BudgetedRead<T>> {
  let timer: NodeJS.Timeout | undefined;
  const outOfTime = new Promise<BudgetedRead<T>>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, problem: `Palette did not answer within ${budgetMs / 1000} s` }),
      budgetMs,
    );
  });
  const answered = read().then(
    (value): BudgetedRead<T> => ({ ok: true, value }),
    (error: unknown): BudgetedRead<T> => {
      if (error instanceof PaletteError) return { ok: false, problem: error.message };
      throw error;
    },
  );
  try {
    return await Promise.race([answered, outOfTime]);
  } finally {
    clearTimeout(timer);
  }
}

/** `/maas gateway`: the Private Cloud Gateways with their health, node count and HA advice; anyone may ask. */
export const gateway: CommandHandler<'gateway'> = async (_command, context) => {
  const checked = await checkWorkspaceAction('gateway', context);
  if (!checked.ok) return checked.answer;
  const gateways = await readWithinBudget(() => context.deps.palette.listGateways());
  if (!gateways.ok)
    return noticeAnswer(
      `:warning: I could not list the gateways: ${gateways.problem}. Please try again in a minute.`,
    );
  return gatewayListAnswer(gateways.value, context.deps.now());
};
