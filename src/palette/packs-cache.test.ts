import { describe, expect, it } from 'vitest';
import { withPacksCache } from './packs-cache';
import type { Palette, ProfilePack } from './port';

/** A Palette whose profilePacks counts its reads and answers what `answer` says. */
function counting(answer: (uid: string, read: number) => Promise<ProfilePack[]>) {
  const reads: string[] = [];
  const palette = {
    profilePacks: (uid: string) => {
      reads.push(uid);
      return answer(uid, reads.length);
    },
  } as Palette;
  return { palette, reads };
}

const packs = (tag: string): ProfilePack[] => [{ name: 'kubernetes', tag, values: '' }];

describe('withPacksCache', () => {
  it('reads a profile once for a burst, again after the TTL, and per profile uid', async () => {
    let t = 0;
    const { palette, reads } = counting(async (_uid, read) => packs(`v${read}`));
    const cached = withPacksCache(palette, 1_000, () => t);
    const burst = await Promise.all(Array.from({ length: 100 }, () => cached.profilePacks('p1')));
    expect(reads).toEqual(['p1']);
    expect(new Set(burst.map((answer) => answer[0]!.tag))).toEqual(new Set(['v1']));
    await cached.profilePacks('p2');
    expect(reads).toEqual(['p1', 'p2']);
    t = 1_001;
    expect((await cached.profilePacks('p1'))[0]!.tag).toBe('v3');
  });

  it('does not keep a failed read', async () => {
    const { palette, reads } = counting(async (_uid, read) => {
      if (read === 1) throw new Error('Palette is down');
      return packs('ok');
    });
    const cached = withPacksCache(palette, 60_000, () => 0);
    await expect(cached.profilePacks('p1')).rejects.toThrow('Palette is down');
    expect((await cached.profilePacks('p1'))[0]!.tag).toBe('ok');
    expect(reads).toHaveLength(2);
  });
});
