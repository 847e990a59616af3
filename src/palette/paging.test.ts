import { describe, expect, it } from 'vitest';
import { allPages } from './paging';
import type { Page } from './port';

/** Pages of two numbers each, `count` pages in all, tokens `p1`, `p2`, … */
const pages = (count: number) => {
  const asked: (string | undefined)[] = [];
  const fetchPage = async (token: string | undefined): Promise<Page<number>> => {
    asked.push(token);
    const index = token ? Number(token.slice(1)) : 0;
    return {
      items: [index * 2, index * 2 + 1],
      ...(index + 1 < count ? { continue: `p${index + 1}` } : {}),
    };
  };
  return { asked, fetchPage };
};

describe('allPages', () => {
  it('reads until there is no token', async () => {
    const { asked, fetchPage } = pages(3);
    expect(await allPages(fetchPage)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(asked).toEqual([undefined, 'p1', 'p2']);
  });

  it('stops once a token repeats', async () => {
    const fetchPage = async (): Promise<Page<number>> => ({ items: [1], continue: 'same' });
    expect(await allPages(fetchPage)).toEqual([1, 1]);
  });

  it('stops after the page where the items are enough', async () => {
    const { asked, fetchPage } = pages(5);
    expect(await allPages(fetchPage, (items) => items.length >= 3)).toEqual([0, 1, 2, 3]);
    expect(asked).toEqual([undefined, 'p1']);
  });
});
