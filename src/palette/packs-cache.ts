import type { Palette, ProfilePack } from './port';

/** How long a profile's packs are reused: a burst of approvals shares one read, an edited profile shows soon. */
export const PACKS_TTL_MS = 60_000;

/**
 * The client with `profilePacks` kept for `ttlMs` per profile uid (in Palette each version of a profile has its
 * own uid, so this is per profile and version). Callers that arrive while a read is in flight share it; a read
 * that fails is not kept.
 */
export function withPacksCache(
  palette: Palette,
  ttlMs = PACKS_TTL_MS,
  now: () => number = Date.now,
): Palette {
  const kept = new Map<string, { until: number; packs: Promise<ProfilePack[]> }>();
  return {
    ...palette,
    profilePacks(profileUid) {
      const hit = kept.get(profileUid);
      if (hit && hit.until > now()) return hit.packs;
      const packs = palette.profilePacks(profileUid);
      kept.set(profileUid, { until: now() + ttlMs, packs });
      packs.catch(() => {
        if (kept.get(profileUid)?.packs === packs) kept.delete(profileUid);
      });
      return packs;
    },
  };
}
