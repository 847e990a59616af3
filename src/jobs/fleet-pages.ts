import { PaletteError } from '../palette/errors';
import type { ClusterSummary, Palette } from '../palette/port';
import type { SweepCursor } from '../store/port';

/**
 * The names a sweep's pages covered in one project: every live MAAS cluster named after `after` (exclusive) up to
 * `upTo` (inclusive) was on a page; an absent bound is open (the first page, the last page).
 */
export interface Coverage {
  after?: string;
  upTo?: string;
}

/** Whether a cluster named `name` would have been on a page of `coverage` if Palette still listed it. */
export function covers(coverage: Coverage | undefined, name: string): boolean {
  if (!coverage) return false;
  return (
    (coverage.after === undefined || name > coverage.after) &&
    (coverage.upTo === undefined || name <= coverage.upTo)
  );
}

/** A walk through Palette's cluster search, project after project, 50 clusters a page. */
export interface FleetWalk {
  /** The projects to walk ('' = tenant scope), in the order of the rotation. */
  projects: readonly string[];
  /** Where the last cut sweep stopped; the walk starts there (else at the first project's first page). */
  start?: Pick<SweepCursor, 'project' | 'continue' | 'after'>;
  palette(project: string): Palette;
  /** Asked before every page but the walk's first (a sweep always makes progress). */
  overBudget(): boolean;
  /** Handles one page's clusters before the next page is read. */
  onPage(project: string, rows: readonly ClusterSummary[]): Promise<void>;
}

/** What a walk covered, where it stopped (when cut), and how many pages it read. */
export interface FleetWalkResult {
  coverage: Map<string, Coverage>;
  stoppedAt?: Pick<SweepCursor, 'project' | 'continue' | 'after'>;
  pages: number;
}

/**
 * Reads the projects' live MAAS clusters page by page (POST /v1/dashboard/spectroclusters/search, sorted by name),
 * from the stored cursor to the end of the rotation; stops when the budget runs out and says where. A stored
 * continue token Palette no longer takes (400: it expired) starts that project again from its first page.
 */
export async function walkFleetPages(walk: FleetWalk): Promise<FleetWalkResult> {
  const coverage = new Map<string, Coverage>();
  const resumeAt = walk.start ? walk.projects.indexOf(walk.start.project) : -1;
  let pages = 0;
  for (let index = Math.max(0, resumeAt); index < walk.projects.length; index++) {
    const project = walk.projects[index]!;
    const resumed = index === resumeAt ? walk.start : undefined;
    let after = resumed?.after;
    let token = resumed?.continue;
    let lastName = after;
    const palette = walk.palette(project);
    for (;;) {
      if (pages > 0 && walk.overBudget()) {
        // Cut before this project's first page: nothing of it was covered.
        if (lastName !== undefined)
          coverage.set(project, { ...(after === undefined ? {} : { after }), upTo: lastName });
        return { coverage, stoppedAt: { project, continue: token ?? '', after: lastName ?? '' }, pages };
      }
      let page: Awaited<ReturnType<Palette['searchClusters']>>;
      try {
        page = await palette.searchClusters(token ? { continue: token } : {});
      } catch (error) {
        const storedToken = token !== undefined && token === resumed?.continue;
        if (!(storedToken && error instanceof PaletteError && error.status === 400)) throw error;
        token = undefined;
        after = undefined;
        lastName = undefined;
        continue;
      } finally {
        pages++;
      }
      await walk.onPage(project, page.items);
      lastName = page.items.at(-1)?.name ?? lastName;
      token = page.continue;
      if (!token) break;
    }
    coverage.set(project, after === undefined ? {} : { after });
  }
  return { coverage, pages };
}
