import { describe, expect, it } from 'vitest';
import type { ProfilePack } from '../../../palette/port';
import { parsePackOverrideTexts } from './packs';

describe('parsePackOverrideTexts', () => {
  const packs: ProfilePack[] = [{ name: 'cni', values: 'ipam:\n  - a\nmtu: 1500\n' }];

  it('parses each pack’s lines, skipping comments', () => {
    expect(parsePackOverrideTexts(['cni'], { cni: '# tune\nmtu=9000\n' }, packs)).toEqual({
      ok: true,
      value: [{ pack: 'cni', path: 'mtu', value: '9000' }],
    });
  });

  it('catches a path through a list against the pack’s values.yaml', () => {
    const parsed = parsePackOverrideTexts(['cni'], { cni: 'ipam.mode=x' }, packs);
    expect(parsed).toEqual({ ok: false, problems: { pack0: expect.stringContaining('"ipam" is a list') } });
  });

  it('refuses lines without a key path', () => {
    expect(parsePackOverrideTexts(['cni'], { cni: '=3' })).toMatchObject({
      ok: false,
      problems: { pack0: expect.any(String) },
    });
  });
});
