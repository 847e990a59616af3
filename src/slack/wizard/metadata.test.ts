import { describe, expect, it } from 'vitest';
import { decodeMeta, encodeMeta } from './metadata';

describe('wizard metadata', () => {
  it('round-trips compactly', () => {
    const meta = {
      draftId: '01J0000000000000000000000',
      step: 'workers' as const,
      channel: 'C0REQUESTS',
      pool: 'p3',
    };
    const text = encodeMeta(meta);
    expect(text.length).toBeLessThan(100);
    expect(decodeMeta(text)).toEqual(meta);
  });

  it.each(['', 'not json', '{"d":"x","s":"nowhere","c":"C1"}', '{"s":"cluster","c":"C1"}', 'null'])(
    'is undefined for metadata that is not a wizard’s: %s',
    (text) => {
      expect(decodeMeta(text)).toBeUndefined();
    },
  );
});
