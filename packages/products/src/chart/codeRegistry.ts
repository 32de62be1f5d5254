/**
 * Which product owns which account codes and transfer codes. Codes are the ledger's u16 `code`
 * (1..65535): an account code says what an account is (its chart-of-accounts subject), a transfer
 * code why money moved. Each product owns disjoint ranges, so a code alone names its product, and
 * a new product line cannot reuse another's codes by accident. A product may own several ranges:
 * its accounts sit in different classes of the chart (assets, liabilities, expenses).
 */
import { ProductsError, describeValue } from '../errors.js';
import { MAX_ACCOUNT_CODE, MAX_CODE_RANGES } from '../limits.js';
import { assertProductName } from './names.js';

/** Account codes or transfer codes. */
export type CodeKind = 'account' | 'transfer';

/** Codes `from` to `to` (both included) owned by `product`. */
export interface CodeRange {
  readonly product: string;
  readonly from: number;
  readonly to: number;
}

/** A checked, immutable set of disjoint code ranges, ordered by `from`. */
export interface CodeRegistry {
  readonly kind: CodeKind;
  readonly ranges: readonly CodeRange[];
}

// Only registries built here are accepted, so every lookup may rely on the checks.
const made = new WeakSet<object>();

const isCode = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_ACCOUNT_CODE;

const checkedRange = (range: unknown, field: string): CodeRange => {
  const r = range as Partial<CodeRange> | null;
  if (typeof r !== 'object' || r === null || Object.keys(r).some((key) => !['product', 'from', 'to'].includes(key))) {
    throw new ProductsError('code_range_invalid', `expected { product, from, to }, got ${describeValue(range)}`, field);
  }
  assertProductName(r.product, `${field}.product`);
  if (!isCode(r.from) || !isCode(r.to) || r.from > r.to) {
    throw new ProductsError('code_range_invalid', `from ${describeValue(r.from)} to ${describeValue(r.to)}`, field);
  }
  return Object.freeze({ product: r.product, from: r.from, to: r.to });
};

/**
 * A new registry with `range` added. Pure: the registry given is unchanged.
 * @throws ProductsError `code_range_invalid`, `product_invalid`, `code_range_duplicate` (the same
 * range again for the same product), `code_range_overlap`, `code_ranges_exceeded`.
 */
export function registerCodeRange(registry: CodeRegistry, range: CodeRange): CodeRegistry {
  assertRegistry(registry);
  const added = checkedRange(range, 'range');
  for (const existing of registry.ranges) {
    if (existing.product === added.product && existing.from === added.from && existing.to === added.to) {
      throw new ProductsError('code_range_duplicate', `${added.product} ${added.from}..${added.to}`, 'range');
    }
    if (existing.from <= added.to && added.from <= existing.to) {
      throw new ProductsError('code_range_overlap', `${added.product} ${added.from}..${added.to} overlaps ${existing.product} ${existing.from}..${existing.to}`, 'range');
    }
  }
  if (registry.ranges.length >= MAX_CODE_RANGES) throw new ProductsError('code_ranges_exceeded', `${registry.kind} codes`, 'range');
  const ranges = Object.freeze([...registry.ranges, added].sort((a, b) => a.from - b.from));
  const next: CodeRegistry = Object.freeze({ kind: registry.kind, ranges });
  made.add(next);
  return next;
}

/** A registry of `kind` holding `ranges`. @throws like {@link registerCodeRange}, and `code_range_invalid` for a list that is not an array. */
export function codeRegistry(kind: CodeKind, ranges: readonly CodeRange[] = []): CodeRegistry {
  if (kind !== 'account' && kind !== 'transfer') throw new ProductsError('code_range_invalid', `kind ${describeValue(kind)}`, 'kind');
  if (!Array.isArray(ranges)) throw new ProductsError('code_range_invalid', describeValue(ranges), 'ranges');
  if (ranges.length > MAX_CODE_RANGES) throw new ProductsError('code_ranges_exceeded', `${ranges.length} ranges`, 'ranges');
  const empty: CodeRegistry = Object.freeze({ kind, ranges: Object.freeze([]) });
  made.add(empty);
  return ranges.reduce<CodeRegistry>((registry, range) => registerCodeRange(registry, range), empty);
}

/** A registry of account codes (chart-of-accounts subjects). */
export const accountCodeRegistry = (ranges: readonly CodeRange[] = []): CodeRegistry => codeRegistry('account', ranges);
/** A registry of transfer codes (reasons money moved). */
export const transferCodeRegistry = (ranges: readonly CodeRange[] = []): CodeRegistry => codeRegistry('transfer', ranges);

/** Checks that a registry was made by this module. @throws ProductsError `code_range_invalid`. */
export function assertRegistry(registry: unknown): asserts registry is CodeRegistry {
  if (typeof registry !== 'object' || registry === null || !made.has(registry)) {
    throw new ProductsError('code_range_invalid', 'not a registry made by codeRegistry()', 'registry');
  }
}

/** The ranges `product` owns, ascending. @throws ProductsError `code_range_invalid`, `product_invalid`, `product_unknown`. */
export function rangesOf(registry: CodeRegistry, product: string): readonly CodeRange[] {
  assertRegistry(registry);
  assertProductName(product);
  const owned = registry.ranges.filter((range) => range.product === product);
  if (owned.length === 0) throw new ProductsError('product_unknown', `${product} has no ${registry.kind} codes`, 'product');
  return owned;
}

/**
 * The product's code at `offset`, counting from 0 through its ranges in ascending order (with one
 * range: `from + offset`). @throws ProductsError `code_out_of_range` (offset not an integer within
 * the product's codes), `product_unknown`, `product_invalid`.
 */
export function codeFor(registry: CodeRegistry, product: string, offset: number): number {
  let rest = offset;
  const owned = rangesOf(registry, product);
  if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) {
    for (const range of owned) {
      const size = range.to - range.from + 1;
      if (rest < size) return range.from + rest;
      rest -= size;
    }
  }
  throw new ProductsError('code_out_of_range', `offset ${describeValue(offset)} of ${product}'s ${registry.kind} codes`, 'offset');
}

/** The product owning `code`. @throws ProductsError `code_unregistered`, `code_range_invalid`. */
export function productOf(registry: CodeRegistry, code: number): string {
  assertRegistry(registry);
  if (isCode(code)) {
    // Ranges are few and ordered: a scan is clear, and bounded by MAX_CODE_RANGES.
    for (const range of registry.ranges) if (range.from <= code && code <= range.to) return range.product;
  }
  throw new ProductsError('code_unregistered', `${registry.kind} code ${describeValue(code)}`, 'code');
}

/** Checks that `product` owns `code`. @throws ProductsError `code_out_of_range`, `product_unknown`, `product_invalid`. */
export function assertCodeOf(registry: CodeRegistry, product: string, code: number): void {
  const owned = rangesOf(registry, product);
  if (!isCode(code) || !owned.some((range) => range.from <= code && code <= range.to)) {
    throw new ProductsError('code_out_of_range', `${registry.kind} code ${describeValue(code)} is not ${product}'s`, 'code');
  }
}
