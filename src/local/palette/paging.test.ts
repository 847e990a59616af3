import { describe, expect, it } from 'vitest';
import { continueToken, page, pageRequest } from './paging';

describe('paging', () => {
  it('walks a list with continue tokens and ends with an empty one', () => {
    const all = Array.from({ length: 7 }, (_, index) => index);
    const first = page(all, { offset: 0, limit: 3 });
    expect(first.items).toEqual([0, 1, 2]);
    const next = pageRequest({ continue: first.listmeta.continue });
    expect(next).toEqual({ offset: 3, limit: 50 });
    const last = page(all, { offset: 6, limit: 3 });
    expect(last).toEqual({ items: [6], listmeta: { continue: '', count: 7, limit: 3, offset: 6 } });
  });

  it('refuses limits above 50, bad offsets and forged tokens', () => {
    expect(pageRequest({ limit: '51' })).toMatchObject({ status: 400 });
    expect(pageRequest({ limit: '0' })).toMatchObject({ status: 400 });
    expect(pageRequest({ offset: '-1' })).toMatchObject({ status: 400 });
    expect(pageRequest({ continue: 'not-a-token' })).toMatchObject({ status: 400 });
    expect(pageRequest({ limit: '10', continue: continueToken(20) })).toEqual({ offset: 20, limit: 10 });
  });
});
