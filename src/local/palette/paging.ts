import type { Refusal } from './errors';

/** Palette's page size ceiling (and default) for lists. */
export const MAX_PAGE = 50;

/** One page of a list and its `listmeta` (v1ListMetaData). */
export interface PageOf<T> {
  items: T[];
  listmeta: { continue: string; count: number; limit: number; offset: number };
}

/** An opaque `continue` token for the item at `offset`. */
export function continueToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

function offsetOf(token: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || !('offset' in parsed)) return undefined;
    const { offset } = parsed;
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}

/** Where a page starts and how long it is, from the `limit`, `offset` and `continue` query parameters. */
export function pageRequest(query: {
  limit?: string;
  offset?: string;
  continue?: string;
}): { offset: number; limit: number } | Refusal {
  const limit = query.limit === undefined || query.limit === '' ? MAX_PAGE : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    return {
      status: 400,
      code: 'InvalidRequest',
      message: `limit must be a whole number from 1 to ${MAX_PAGE}`,
    };
  }
  if (query.continue) {
    const offset = offsetOf(query.continue);
    if (offset === undefined)
      return { status: 400, code: 'InvalidRequest', message: 'continue token is not valid' };
    return { offset, limit };
  }
  const offset = query.offset === undefined || query.offset === '' ? 0 : Number(query.offset);
  if (!Number.isInteger(offset) || offset < 0) {
    return { status: 400, code: 'InvalidRequest', message: 'offset must be a whole number ≥ 0' };
  }
  return { offset, limit };
}

/** The page of `all` a request asks for; `continue` is empty on the last page, as Palette does. */
export function page<T>(all: T[], request: { offset: number; limit: number }): PageOf<T> {
  const items = all.slice(request.offset, request.offset + request.limit);
  const next = request.offset + items.length;
  return {
    items,
    listmeta: {
      continue: next < all.length ? continueToken(next) : '',
      count: all.length,
      limit: request.limit,
      offset: request.offset,
    },
  };
}
