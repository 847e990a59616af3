import { describe, expect, it } from 'vitest';
import { PaletteError } from '../palette/errors';
import type { ClusterSummary, Palette } from '../palette/port';
import { covers, walkFleetPages } from './fleet-pages';

const row = (name: string): ClusterSummary => ({ uid: `uid-${name}`, name, state: 'Running' });

/** A search over `names` (sorted) in pages of two, whose tokens are offsets; `expired` tokens answer 400 once. */
function searchOver(names: string[], expired: string[] = []) {
  const asked: (string | undefined)[] = [];
  const searchClusters: Palette['searchClusters'] = async (options = {}) => {
    asked.push(options.continue);
    if (
      options.continue &&
      expired.includes(options.continue) &&
      asked.indexOf(options.continue) === asked.length - 1
    )
      throw new PaletteError({
        status: 400,
        code: 'InvalidRequest',
        message: 'continue token is not valid',
        method: 'POST',
        path: '/v1/dashboard/spectroclusters/search',
      });
    const offset = Number(options.continue ?? 0);
    const next = offset + 2;
    return {
      items: names.slice(offset, next).map(row),
      ...(next < names.length ? { continue: String(next) } : {}),
    };
  };
  return { palette: { searchClusters } as Palette, asked };
}

describe('covers', () => {
  it('takes names after `after` up to `upTo`, open where a bound is absent, nothing without coverage', () => {
    expect(covers({ after: 'b', upTo: 'd' }, 'b')).toBe(false);
    expect(covers({ after: 'b', upTo: 'd' }, 'c')).toBe(true);
    expect(covers({ after: 'b', upTo: 'd' }, 'd')).toBe(true);
    expect(covers({ after: 'b', upTo: 'd' }, 'e')).toBe(false);
    expect(covers({}, 'anything')).toBe(true);
    expect(covers(undefined, 'anything')).toBe(false);
  });
});

describe('walkFleetPages', () => {
  it('walks every project to its last page when the budget allows, covering all names', async () => {
    const a = searchOver(['a1', 'a2', 'a3']);
    const b = searchOver(['b1']);
    const seen: string[] = [];
    const result = await walkFleetPages({
      projects: ['pa', 'pb'],
      palette: (project) => (project === 'pa' ? a.palette : b.palette),
      overBudget: () => false,
      onPage: async (project, rows) => void seen.push(...rows.map((r) => `${project}:${r.name}`)),
    });
    expect(seen).toEqual(['pa:a1', 'pa:a2', 'pa:a3', 'pb:b1']);
    expect(result).toEqual({
      coverage: new Map([
        ['pa', {}],
        ['pb', {}],
      ]),
      pages: 3,
    });
  });

  it('stops when the budget is out, says where, and covers only what it read', async () => {
    const a = searchOver(['a1', 'a2', 'a3', 'a4', 'a5']);
    const result = await walkFleetPages({
      projects: ['pa', 'pb'],
      palette: () => a.palette,
      overBudget: () => true,
      onPage: async () => {},
    });
    expect(result.pages).toBe(1);
    expect(result.stoppedAt).toEqual({ project: 'pa', continue: '2', after: 'a2' });
    expect(result.coverage).toEqual(new Map([['pa', { upTo: 'a2' }]]));
  });

  it('resumes from the cursor, and starts the project again when Palette no longer takes the token', async () => {
    const names = ['a1', 'a2', 'a3', 'a4', 'a5'];
    const fresh = searchOver(names);
    const resumed = await walkFleetPages({
      projects: ['pa'],
      start: { project: 'pa', continue: '2', after: 'a2' },
      palette: () => fresh.palette,
      overBudget: () => false,
      onPage: async () => {},
    });
    expect(fresh.asked).toEqual(['2', '4']);
    expect(resumed.coverage).toEqual(new Map([['pa', { after: 'a2' }]]));

    const stale = searchOver(names, ['2']);
    const restarted = await walkFleetPages({
      projects: ['pa'],
      start: { project: 'pa', continue: '2', after: 'a2' },
      palette: () => stale.palette,
      overBudget: () => false,
      onPage: async () => {},
    });
    expect(stale.asked).toEqual(['2', undefined, '2', '4']);
    expect(restarted.coverage).toEqual(new Map([['pa', {}]]));
  });
});
