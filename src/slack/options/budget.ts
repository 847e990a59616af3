/**
 * Waits for `work` at most `ms`: its value, or undefined when it failed or took longer. The work is not cancelled
 * (a late answer still fills a cache); the caller just stops waiting, so Slack's 3-second window is kept.
 */
export async function withinBudget<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
