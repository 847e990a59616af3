/**
 * Request bodies for Palette's list endpoints that filter in a POST body, written as Palette's own clients
 * (palette-sdk-go) write them.
 */

/** v1ClusterProfilesFilterSpec: MAAS profiles, by name. */
export function maasProfilesFilter() {
  return {
    filter: { environment: ['maas'] },
    sort: [{ field: 'profileName', order: 'asc' }],
  };
}

/** A v1SearchFilterItem matching a string property exactly (case-sensitive). */
function stringEquals(property: string, value: string) {
  return {
    property,
    type: 'string',
    condition: {
      string: {
        operator: 'eq',
        negation: false,
        ignoreCase: false,
        match: { conjunction: 'or', values: [value] },
      },
    },
  };
}

/**
 * v1SearchFilterSummarySpec: live (not deleted) clusters of cloud type (`environment`) maas, optionally of exactly
 * one name, sorted by name.
 */
export function maasClustersSearch(name?: string) {
  const filters = [
    stringEquals('environment', 'maas'),
    { property: 'isDeleted', type: 'bool', condition: { bool: { value: false } } },
    ...(name === undefined ? [] : [stringEquals('clusterName', name)]),
  ];
  return {
    filter: { conjunction: 'and', filterGroups: [{ conjunction: 'and', filters }] },
    sort: [{ field: 'clusterName', order: 'asc' }],
  };
}
