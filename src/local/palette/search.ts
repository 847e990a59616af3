import type { SearchBody, SearchFilter } from './schemas';

/** What a cluster search can filter and sort on, for one cluster at one moment. */
export interface Searchable {
  name: string;
  environment: string;
  state: string;
  health: string;
  deleted: boolean;
  labels: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
}

/** Filter properties the simulator evaluates (Palette's dashboard names). */
export const SEARCH_PROPERTIES = [
  'clusterName',
  'environment',
  'clusterState',
  'healthState',
  'isDeleted',
  'tags',
] as const;
type Property = (typeof SEARCH_PROPERTIES)[number];

const STRING_PROPERTIES: Record<Exclude<Property, 'isDeleted' | 'tags'>, (item: Searchable) => string> = {
  clusterName: (item) => item.name,
  environment: (item) => item.environment,
  clusterState: (item) => item.state,
  healthState: (item) => item.health,
};

function isProperty(name: string): name is Property {
  return (SEARCH_PROPERTIES as readonly string[]).includes(name);
}

/** Why a search body cannot be evaluated (an unknown property or a condition of the wrong kind), if so. */
export function searchProblem(body: SearchBody): string | undefined {
  for (const filter of (body.filter?.filterGroups ?? []).flatMap((group) => group.filters ?? [])) {
    if (!isProperty(filter.property)) {
      return `filter property '${filter.property}' is not supported; use one of ${SEARCH_PROPERTIES.join(', ')}`;
    }
    const needs =
      filter.property === 'isDeleted' ? 'bool' : filter.property === 'tags' ? 'keyValue' : 'string';
    if (!filter.condition[needs]) return `filter on ${filter.property} needs a condition.${needs}`;
  }
  return undefined;
}

function stringMatches(
  actual: string,
  condition: {
    operator?: string;
    negation?: boolean;
    ignoreCase?: boolean;
    match: { conjunction?: string | null; values: string[] };
  },
): boolean {
  const fold = (text: string) => (condition.ignoreCase ? text.toLowerCase() : text);
  const subject = fold(actual);
  const test = (value: string) => {
    const wanted = fold(value);
    if (condition.operator === 'contains') return subject.includes(wanted);
    if (condition.operator === 'beginsWith') return subject.startsWith(wanted);
    return subject === wanted;
  };
  const values = condition.match.values;
  const hit = condition.match.conjunction === 'and' ? values.every(test) : values.some(test);
  return condition.negation ? !hit : hit;
}

function filterMatches(filter: SearchFilter, item: Searchable): boolean {
  const { condition } = filter;
  if (filter.property === 'isDeleted') return condition.bool ? item.deleted === condition.bool.value : true;
  if (filter.property === 'tags') {
    const keyValue = condition.keyValue;
    if (!keyValue) return true;
    const value = item.labels[keyValue.key];
    if (value === undefined) return keyValue.negation === true;
    return keyValue.match.values.length === 0 || stringMatches(value, keyValue);
  }
  const read = STRING_PROPERTIES[filter.property as keyof typeof STRING_PROPERTIES];
  return condition.string ? stringMatches(read(item), condition.string) : true;
}

function combine(conjunction: string | null | undefined, results: boolean[]): boolean {
  return conjunction === 'or' ? results.some(Boolean) : results.every(Boolean);
}

/**
 * Whether a cluster passes the search filter. Deleted clusters are left out unless a filter on `isDeleted`
 * asks about them, as Palette's dashboard does.
 */
export function matchesSearch(body: SearchBody, item: Searchable): boolean {
  const groups = body.filter?.filterGroups ?? [];
  const asksDeleted = groups.some((group) =>
    (group.filters ?? []).some((filter) => filter.property === 'isDeleted'),
  );
  if (item.deleted && !asksDeleted) return false;
  const results = groups.map((group) =>
    combine(
      group.conjunction,
      (group.filters ?? []).map((filter) => filterMatches(filter, item)),
    ),
  );
  return combine(body.filter?.conjunction, results);
}

const SORT_KEYS: Record<string, (item: Searchable) => string | number> = {
  environment: (item) => item.environment,
  clusterName: (item) => item.name,
  clusterState: (item) => item.state,
  healthState: (item) => item.health,
  creationTimestamp: (item) => item.createdAt,
  lastModifiedTimestamp: (item) => item.modifiedAt,
};

/** Sorts by the body's sort fields, then by creation time (oldest first) so pages stay stable. */
export function sortSearch<T extends Searchable>(body: SearchBody, items: T[]): T[] {
  const orders = [...(body.sort ?? []), { field: 'creationTimestamp' as const, order: 'asc' as const }];
  return [...items].sort((a, b) => {
    for (const { field, order } of orders) {
      const key = field ? SORT_KEYS[field] : undefined;
      if (!key) continue;
      const [left, right] = [key(a), key(b)];
      if (left === right) continue;
      const ascending = left < right ? -1 : 1;
      return order === 'desc' ? -ascending : ascending;
    }
    return 0;
  });
}
