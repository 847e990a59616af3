import { PaletteError } from '../palette/errors';

/** How long a listener waits for Palette: Slack wants its answer within 3 s, and the rest of the work needs some. */
export const PALETTE_READ_BUDGET_MS = 1_500;

/** A Palette read inside a listener: its value, or why there is none, written for people. */
export type BudgetedRead<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * Settles with `work`'s outcome, or with `timedOut` after `ms`. The work is not cancelled (a late answer can still
 * fill a cache); the caller only stops waiting, so Slack's 3-second window is kept.
 */
async function race<T>(work: Promise<T>, ms: number, timedOut: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const outOfTime = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), ms);
  });
  try {
    return await Promise.race([work, outOfTime]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads from Palette with a time budget. Palette's failures come back as its own message; anything else is a bug
 * and is thrown (Bolt's error handler answers the person kindly).
 */
export function readWithinBudget<T>(
  read: () => Promise<T>,
  budgetMs: number = PALETTE_READ_BUDGET_MS,
): Promise<BudgetedRead<T>> {
  const answered = read().then(
    (value): BudgetedRead<T> => ({ ok: true, value }),
    (error: unknown): BudgetedRead<T> => {
      if (error instanceof PaletteError) return { ok: false, problem: error.message };
      throw error;
    },
  );
  return race(answered, budgetMs, {
    ok: false,
    problem: `Palette did not answer within ${budgetMs / 1000} s`,
  });
}

/** Waits for `work` at most `ms`: its value, or undefined when it failed or took longer (menus show nothing then). */
export function withinBudget<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  return race(
    work.catch(() => undefined),
    ms,
    undefined,
  );
}
