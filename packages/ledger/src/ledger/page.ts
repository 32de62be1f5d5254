/**
 * Pages of lists that grow with the business (accounts, balances, statement lines): a caller asks
 * for `{ limit, after }` and gets `{ items, nextCursor }`; walking from no cursor until there is no
 * `nextCursor` yields every item exactly once, in order. The lists are append-only (accounts and
 * movements are never removed), so a cursor is the position of the next item to read, as a
 * decimal string: opaque to callers, stable while the list grows.
 */
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../limits.js';
import { QueryArgumentError } from './queryArgumentError.js';

/** Which page to read: at most `limit` items (default 100, at most 1,000), after the cursor of the previous page. */
export interface PageRequest {
  readonly limit?: number;
  /** `nextCursor` of the previous page; omitted for the first page. */
  readonly after?: string;
}

/** One page: its items and, when more may follow, the cursor to pass as `after`. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

const CURSOR = /^(0|[1-9][0-9]{0,15})$/;
const PAGE_FIELDS: ReadonlySet<string> = new Set(['limit', 'after']);

/**
 * Reads a page request given at run time.
 * @throws QueryArgumentError for anything but `{ limit?: integer 1..MAX_PAGE_SIZE, after?: cursor }`.
 */
export const checkedPageRequest = (request: PageRequest | undefined): { readonly limit: number; readonly start: number } => {
  const value: unknown = request;
  if (value === undefined) return { limit: DEFAULT_PAGE_SIZE, start: 0 };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new QueryArgumentError('page', 'must be an object { limit?, after? }');
  for (const key of Object.keys(value)) if (!PAGE_FIELDS.has(key)) throw new QueryArgumentError(`page.${key}`, 'is not a field of a page request');
  const { limit, after } = value as Record<string, unknown>;
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)) {
    throw new QueryArgumentError('page.limit', `must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  if (after !== undefined && (typeof after !== 'string' || !CURSOR.test(after))) throw new QueryArgumentError('page.after', 'is not a cursor this list returned');
  return { limit: (limit as number | undefined) ?? DEFAULT_PAGE_SIZE, start: after === undefined ? 0 : Number(after) };
};

/**
 * A page of `list`: from the request's cursor, up to `limit` items that `view` keeps (`undefined`
 * skips an item, e.g. an account not yet open at an instant). The cursor is the position of the
 * next kept item, so it is given only when one follows, as a keyset read (`WHERE key >= cursor AND
 * kept ORDER BY key LIMIT limit + 1`) of the same list in SQL would give it.
 * @throws QueryArgumentError for an invalid request.
 */
export const pageOf = <T, R>(list: readonly T[], request: PageRequest | undefined, view: (item: T) => R | undefined): Page<R> => {
  const { limit, start } = checkedPageRequest(request);
  const items: R[] = [];
  for (let next = start; next < list.length; next++) {
    const item = view(list[next]!);
    if (item === undefined) continue;
    if (items.length === limit) return { items, nextCursor: String(next) };
    items.push(item);
  }
  return { items };
};
