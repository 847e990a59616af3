/**
 * Palette's documented rate limits (DESIGN §4): requests per second, per source IP and path prefix. A `{…}`
 * segment stands for any one segment (every cluster's assets share one limit); sub-resources count against the
 * longest prefix they fall under.
 */
export const PALETTE_RATE_LIMITS: Readonly<Record<string, number>> = {
  '/v1/spectroclusters': 50,
  '/v1/cloudconfigs': 50,
  '/v1/dashboard': 10,
  '/v1/cloudaccounts': 10,
  '/v1/overlords': 10,
  '/v1/spectroclusters/{uid}/assets': 10,
  '/v1/notifications': 10,
};

/** Whether `path` is `prefix` or under it; a `{…}` segment of the prefix matches any one segment. */
export function underPrefix(path: string, prefix: string): boolean {
  const want = prefix.split('/');
  const have = path.split('/');
  if (have.length < want.length) return false;
  return want.every((segment, index) =>
    segment.startsWith('{') ? have[index] !== '' : segment === have[index],
  );
}

/** The longest of `prefixes` that `path` falls under (the limit that applies to it), if any. */
export function limitPrefixOf(path: string, prefixes: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const prefix of prefixes)
    if (underPrefix(path, prefix) && prefix.split('/').length > (best?.split('/').length ?? 0)) best = prefix;
  return best;
}
