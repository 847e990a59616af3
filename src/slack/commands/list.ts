import type { Deps } from '../../deps';
import type { ClusterRecord } from '../../domain/cluster';
import { isTerminal } from '../../domain/lifecycle';
import { allPages } from '../../palette/paging';
import type { ClusterSummary } from '../../palette/port';
import { clusterListAnswer, type ListRow } from '../blocks/cluster-list';
import { readWithinBudget } from '../budget';
import { checkWorkspaceAction } from './guard';
import type { CommandHandler } from './types';

/** Clusters per page of `/maas list` (each is one line of one section). */
export const LIST_PAGE_SIZE = 15;
/** Pages of the active index read (100 records each): the bot's live clusters. */
const ACTIVE_PAGES = 5;
/** The asker's own newest requests, ended ones included. */
const OWN_REQUESTS = 25;

/** The clusters the bot knows: every live one, plus the asker's own; one per name, live first, then by name. */
async function knownClusters(deps: Deps, userId: string): Promise<ClusterRecord[]> {
  const records: ClusterRecord[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < ACTIVE_PAGES; page++) {
    const active = await deps.store.listActive({ limit: 100, ...(cursor ? { cursor } : {}) });
    records.push(...active.items);
    cursor = active.cursor;
    if (!cursor) break;
  }
  records.push(...(await deps.store.listByRequester(userId, OWN_REQUESTS)));
  const byName = new Map<string, ClusterRecord>();
  for (const record of records) {
    const held = byName.get(record.name);
    const better =
      !held ||
      (isTerminal(held.state) && (!isTerminal(record.state) || record.requestedAt > held.requestedAt));
    if (better) byName.set(record.name, record);
  }
  const live = (record: ClusterRecord) => (isTerminal(record.state) ? 1 : 0);
  return [...byName.values()].sort((a, b) => live(a) - live(b) || a.name.localeCompare(b.name));
}

/** Palette's MAAS clusters, page after page (`continue`), until `wanted` rows or the last page. */
async function paletteClusters(
  deps: Deps,
  wanted: number,
): Promise<{ rows: ClusterSummary[]; more: boolean }> {
  // The last page read tells whether Palette has more than the rows taken.
  let more = false;
  const rows = await allPages(
    async (token) => {
      const page = await deps.palette.searchClusters(token ? { continue: token } : {});
      more = page.continue !== undefined;
      return page;
    },
    (items) => items.length >= wanted,
  );
  return { rows, more };
}

/**
 * `/maas list [PAGE]`: the clusters the bot knows (live ones and the asker's own) merged by name with Palette's
 * MAAS clusters, with state and health; the bot's first, then those only Palette has. Palette is read inside the
 * listener with a short budget; when it is slow, the answer shows what the bot knows and says so.
 */
export const list: CommandHandler<'list'> = async (command, context) => {
  const checked = await checkWorkspaceAction('list', context);
  if (!checked.ok) return checked.answer;
  const { deps, slash } = context;
  const known = await knownClusters(deps, slash.user_id);
  const end = command.page * LIST_PAGE_SIZE;
  const palette = await readWithinBudget(() => paletteClusters(deps, end + known.length));
  const fromPalette = palette.ok ? palette.value.rows : [];
  const seen = new Map(fromPalette.map((row) => [row.name, row]));
  const rows: ListRow[] = known.map((record) => {
    const row = seen.get(record.name);
    return { name: record.name, record, ...(row ? { palette: row } : {}) };
  });
  const knownNames = new Set(known.map((record) => record.name));
  for (const row of fromPalette) if (!knownNames.has(row.name)) rows.push({ name: row.name, palette: row });
  return clusterListAnswer({
    rows: rows.slice(end - LIST_PAGE_SIZE, end),
    page: command.page,
    more: rows.length > end || (palette.ok && palette.value.more),
    ...(palette.ok ? {} : { paletteProblem: palette.problem }),
  });
};
