import { describe, expect, it } from 'vitest';
import type { SearchBody } from './schemas';
import { matchesSearch, type Searchable, searchProblem, sortSearch } from './search';

function item(name: string, overrides: Partial<Searchable> = {}): Searchable {
  return {
    name,
    environment: 'maas',
    state: 'Running',
    health: 'Healthy',
    deleted: false,
    labels: {},
    createdAt: 0,
    modifiedAt: 0,
    ...overrides,
  };
}

function byName(
  operator: 'eq' | 'contains' | 'beginsWith',
  values: string[],
  extra: object = {},
): SearchBody {
  return {
    filter: {
      filterGroups: [
        {
          filters: [
            { property: 'clusterName', condition: { string: { operator, match: { values }, ...extra } } },
          ],
        },
      ],
    },
  };
}

describe('cluster search', () => {
  it('matches names by eq, contains and beginsWith, with ignoreCase and negation', () => {
    expect(matchesSearch(byName('eq', ['team-a']), item('team-a'))).toBe(true);
    expect(matchesSearch(byName('eq', ['team']), item('team-a'))).toBe(false);
    expect(matchesSearch(byName('contains', ['am-'], {}), item('team-a'))).toBe(true);
    expect(matchesSearch(byName('beginsWith', ['TEAM'], { ignoreCase: true }), item('team-a'))).toBe(true);
    expect(matchesSearch(byName('eq', ['team-a'], { negation: true }), item('team-a'))).toBe(false);
    expect(matchesSearch(byName('eq', ['x', 'team-a']), item('team-a'))).toBe(true);
  });

  it('leaves deleted clusters out unless isDeleted is asked about', () => {
    const gone = item('old', { deleted: true });
    expect(matchesSearch({}, gone)).toBe(false);
    const asking: SearchBody = {
      filter: {
        filterGroups: [{ filters: [{ property: 'isDeleted', condition: { bool: { value: true } } }] }],
      },
    };
    expect(matchesSearch(asking, gone)).toBe(true);
    expect(matchesSearch(asking, item('live'))).toBe(false);
  });

  it('combines groups with or, and filters tags by key and value', () => {
    const tagged = item('a', { labels: { team: 'blue' } });
    const body: SearchBody = {
      filter: {
        conjunction: 'or',
        filterGroups: [
          { filters: [{ property: 'clusterName', condition: { string: { match: { values: ['zzz'] } } } }] },
          {
            filters: [
              { property: 'tags', condition: { keyValue: { key: 'team', match: { values: ['blue'] } } } },
            ],
          },
        ],
      },
    };
    expect(matchesSearch(body, tagged)).toBe(true);
    expect(matchesSearch(body, item('b'))).toBe(false);
  });

  it('names an unsupported property or a condition of the wrong kind', () => {
    const unknown: SearchBody = {
      filter: { filterGroups: [{ filters: [{ property: 'cpu', condition: {} }] }] },
    };
    expect(searchProblem(unknown)).toContain("'cpu' is not supported");
    const wrongKind: SearchBody = {
      filter: {
        filterGroups: [
          { filters: [{ property: 'isDeleted', condition: { string: { match: { values: [] } } } }] },
        ],
      },
    };
    expect(searchProblem(wrongKind)).toContain('condition.bool');
    expect(searchProblem(byName('eq', ['a']))).toBeUndefined();
  });

  it('sorts by the asked field, then oldest first', () => {
    const items = [item('b', { createdAt: 2 }), item('a', { createdAt: 3 }), item('c', { createdAt: 1 })];
    expect(sortSearch({}, items).map((entry) => entry.name)).toEqual(['c', 'b', 'a']);
    expect(
      sortSearch({ sort: [{ field: 'clusterName', order: 'desc' }] }, items).map((entry) => entry.name),
    ).toEqual(['c', 'b', 'a']);
    expect(sortSearch({ sort: [{ field: 'clusterName' }] }, items).map((entry) => entry.name)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});
