import type { Deps } from '../../deps';
import type { ClusterRecord } from '../../domain/cluster';
import { isTerminal } from '../../domain/lifecycle';
import { projectOfRecord, type Team, teamOfRecord } from '../../domain/team';
import { allPages } from '../../palette/paging';
import type { ClusterSummary, Palette } from '../../palette/port';
import { scopeOfTeam } from '../../teams/scope';
import { clusterListAnswer, type ListRow } from '../blocks/cluster-list';
import { readWithinBudget } from '../budget';
import { checkTeamAction } from './guard';
import type { CommandHandler } from './types';

/** Clusters per page of `/maas list` (each is one line of one section). */
export const LIST_PAGE_SIZE = 15;
/** Pages of the active index read (100 records each): the bot's live clusters. */
const ACTIVE_PAGES = 5;
/** The asker's own newest requests, ended ones included. */
const OWN_REQUESTS = 25;

/**
 * The clusters the bot knows of `teams`: every live one, plus the asker's own; one per name, live first, then by
 * name.
 */
async function knownClusters(deps: Deps, userId: string, teams: readonly Team[]): Promise<ClusterRecord[]> {
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
    if (!teams.includes(teamOfRecord(deps.config.teams, record))) continue;
    const held = byName.get(record.name);
    const better =
      !held ||
      (isTerminal(held.state) && (!isTerminal(record.state) || record.requestedAt > held.requestedAt));
    if (better) byName.set(record.name, record);
  }
  const live = (record: ClusterRecord) => (isTerminal(record.state) ? 1 : 0);
  return [...byName.values()].sort((a, b) => live(a) - live(b) || a.name.localeCompare(b.name));
}

/** One project's MAAS clusters, page after page (`continue`), until `wanted` rows or the last page. */
async function paletteClusters(
  palette: Palette,
  wanted: number,
): Promise<{ rows: ClusterSummary[]; more: boolean }> {
  // The last page read tells whether Palette has more than the rows taken.
  let more = false;
  const rows = await allPages(
    async (token) => {
      const page = await palette.searchClusters(token ? { continue: token } : {});
      more = page.continue !== undefined;
      return page;
    },
    (items) => items.length >= wanted,
  );
  return { rows, more };
}

/** Palette's clusters in each project of `teams` (a project several teams share is read once). */
async function projectsClusters(
  deps: Deps,
  teams: readonly Team[],
  wanted: number,
): Promise<{ project: string | undefined; team: Team; rows: ClusterSummary[]; more: boolean }[]> {
  const projects = new Map<string | undefined, Team>();
  for (const team of teams)
    if (!projects.has(team.paletteProjectUid)) projects.set(team.paletteProjectUid, team);
  return Promise.all(
    [...projects].map(async ([project, team]) => ({
      project,
      team,
      ...(await paletteClusters(scopeOfTeam(deps, team).palette, wanted)),
    })),
  );
}

/**
 * `/maas list [all] [PAGE]`: the clusters the bot knows of the channel's team (live ones and the asker's own)
 * merged by name with the MAAS clusters of the team's Palette project, with state and health; the bot's first,
 * then those only Palette has. `all` (the team's admins) lists every team's, each row naming its team. Palette is
 * read inside the listener with a short budget; when it is slow, the answer shows what the bot knows and says so.
 */
export const list: CommandHandler<'list'> = async (command, context) => {
  const checked = await checkTeamAction(command.all ? 'list-all' : 'list', context);
  if (!checked.ok) return checked.answer;
  const { deps, slash } = context;
  const teams = command.all ? deps.config.teams.list : [checked.scope.team];
  const known = await knownClusters(deps, slash.user_id, teams);
  const end = command.page * LIST_PAGE_SIZE;
  const palette = await readWithinBudget(() => projectsClusters(deps, teams, end + known.length));
  const fromPalette = palette.ok ? palette.value : [];
  const key = (project: string | undefined, name: string) => `${project ?? ''}/${name}`;
  const seen = new Map(
    fromPalette.flatMap(({ project, rows }) => rows.map((row) => [key(project, row.name), row] as const)),
  );
  const teamName = (team: Team) => (command.all ? { team: team.name } : {});
  const rows: ListRow[] = known.map((record) => {
    const row = seen.get(key(projectOfRecord(deps.config.teams, record), record.name));
    const team = teamOfRecord(deps.config.teams, record);
    return { name: record.name, record, ...teamName(team), ...(row ? { palette: row } : {}) };
  });
  const knownKeys = new Set(
    known.map((record) => key(projectOfRecord(deps.config.teams, record), record.name)),
  );
  for (const { project, team, rows: found } of fromPalette)
    for (const row of found)
      if (!knownKeys.has(key(project, row.name)))
        rows.push({ name: row.name, palette: row, ...teamName(team) });
  return clusterListAnswer({
    rows: rows.slice(end - LIST_PAGE_SIZE, end),
    page: command.page,
    more: rows.length > end || fromPalette.some((project) => project.more),
    ...(command.all ? { all: true } : {}),
    ...(deps.config.teams.fromFile
      ? { whose: command.all ? 'of every team' : `of ${checked.scope.team.name}` }
      : {}),
    ...(palette.ok ? {} : { paletteProblem: palette.problem }),
  });
};
