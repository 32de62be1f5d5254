/**
 * Pages of the risk read model, like the ledger's: `{ limit, after }` in, `{ items, nextCursor }`
 * out. The lists behind them only grow (warnings are appended as raised; a resolved one is skipped,
 * not removed), so a cursor, the position of the next item to read, stays valid while they grow,
 * and walking from no cursor to no `nextCursor` meets every kept item once.
 */
import type { Page, PageRequest } from '@ecoledger/ledger';
import { ProductsError, describeValue } from '../../errors.js';
import { closedRecord } from '../../interest/input.js';
import { DEFAULT_RISK_PAGE_SIZE, MAX_RISK_PAGE_SIZE } from '../../limits.js';

const CURSOR = /^(0|[1-9][0-9]{0,15})$/;

/** The request checked. @throws `page_request_invalid`, `field_unknown`, `input_not_object`. */
const checked = (request: PageRequest | undefined): { readonly limit: number; readonly start: number } => {
  if (request === undefined) return { limit: DEFAULT_RISK_PAGE_SIZE, start: 0 };
  const r = closedRecord(request, ['limit', 'after']);
  const { limit, after } = r;
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_RISK_PAGE_SIZE)) {
    throw new ProductsError('page_request_invalid', describeValue(limit), 'limit');
  }
  if (after !== undefined && (typeof after !== 'string' || !CURSOR.test(after))) throw new ProductsError('page_request_invalid', describeValue(after), 'after');
  return { limit: (limit as number | undefined) ?? DEFAULT_RISK_PAGE_SIZE, start: after === undefined ? 0 : Number(after) };
};

/** A page of `list` keeping the items `view` maps (undefined skips one). @throws as {@link checked}. */
export const riskPageOf = <T, R>(list: readonly T[], request: PageRequest | undefined, view: (item: T) => R | undefined): Page<R> => {
  const { limit, start } = checked(request);
  const items: R[] = [];
  for (let next = start; next < list.length; next++) {
    const item = view(list[next]!);
    if (item === undefined) continue;
    if (items.length === limit) return { items, nextCursor: String(next) };
    items.push(item);
  }
  return { items };
};
