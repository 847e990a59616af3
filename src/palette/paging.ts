import type { Page } from './port';

/** A guard against a server that keeps answering with a `continue` token: 200 pages of 50 is 10 000 items. */
const MAX_PAGES = 200;

/**
 * Every item of a `listmeta.continue`-paged list, fetching page after page until there is no token, or until
 * `enough` says the items so far suffice (checked after each page).
 */
export async function allPages<T>(
  fetchPage: (token: string | undefined) => Promise<Page<T>>,
  enough?: (items: readonly T[]) => boolean,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages += 1) {
    const page = await fetchPage(token);
    items.push(...page.items);
    if (!page.continue || seen.has(page.continue) || enough?.(items)) return items;
    seen.add(page.continue);
    token = page.continue;
  }
  return items;
}
