import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../test-kit/errorCode.js';
import { accountCodeRegistry, assertCodeOf, codeFor, codeRegistry, productOf, rangesOf, registerCodeRange, transferCodeRegistry, type CodeRange, type CodeRegistry } from './codeRegistry.js';

const registry = transferCodeRegistry([
  { product: 'demand-deposit', from: 1000, to: 1999 },
  { product: 'loan', from: 3000, to: 3999 },
]);

describe('code registries', () => {
  it('gives a product its codes by offset and names the product of a code', () => {
    expect(codeFor(registry, 'demand-deposit', 0)).toBe(1000);
    expect(codeFor(registry, 'loan', 999)).toBe(3999);
    expect(productOf(registry, 1500)).toBe('demand-deposit');
    expect(productOf(registry, 3000)).toBe('loan');
    expect(errorCodeOf(() => productOf(registry, 2000))).toBe('code_unregistered');
    expect(errorCodeOf(() => productOf(registry, 0))).toBe('code_unregistered');
    expect(errorCodeOf(() => codeFor(registry, 'loan', 1000))).toBe('code_out_of_range');
    expect(errorCodeOf(() => codeFor(registry, 'loan', -1))).toBe('code_out_of_range');
    expect(errorCodeOf(() => codeFor(registry, 'loan', 0.5))).toBe('code_out_of_range');
    expect(errorCodeOf(() => codeFor(registry, 'wealth', 0))).toBe('product_unknown');
    expect(errorCodeOf(() => codeFor(registry, 'Wealth', 0))).toBe('product_name_invalid');
  });

  it('counts offsets through a product’s several ranges in code order', () => {
    const split = accountCodeRegistry([
      { product: 'bank', from: 5200, to: 5299 },
      { product: 'bank', from: 1001, to: 1002 },
    ]);
    expect(rangesOf(split, 'bank').map((r) => r.from)).toEqual([1001, 5200]);
    expect([0, 1, 2, 101].map((offset) => codeFor(split, 'bank', offset))).toEqual([1001, 1002, 5200, 5299]);
    expect(errorCodeOf(() => codeFor(split, 'bank', 102))).toBe('code_out_of_range');
    expect(() => assertCodeOf(split, 'bank', 5211)).not.toThrow();
    expect(errorCodeOf(() => assertCodeOf(split, 'bank', 1003))).toBe('code_out_of_range');
  });

  it('registers without changing the registry it was given', () => {
    const more = registerCodeRange(registry, { product: 'wealth', from: 4000, to: 4999 });
    expect(productOf(more, 4000)).toBe('wealth');
    expect(errorCodeOf(() => productOf(registry, 4000))).toBe('code_unregistered');
    expect(Object.isFrozen(more.ranges)).toBe(true);
  });

  it('refuses overlaps, duplicates and bad ranges with specific codes', () => {
    const add = (range: unknown): string | undefined => errorCodeOf(() => registerCodeRange(registry, range as CodeRange));
    expect(add({ product: 'loan', from: 3000, to: 3999 })).toBe('code_range_duplicate');
    expect(add({ product: 'wealth', from: 3999, to: 4999 })).toBe('code_range_overlap');
    expect(add({ product: 'wealth', from: 500, to: 1000 })).toBe('code_range_overlap');
    expect(add({ product: 'wealth', from: 1, to: 65_535 })).toBe('code_range_overlap');
    expect(add({ product: 'loan', from: 3500, to: 3600 })).toBe('code_range_overlap');
    for (const [from, to] of [[0, 5], [5, 65_536], [10, 9], [1.5, 2], ['1', 2]]) {
      expect(add({ product: 'wealth', from, to }), `${String(from)}..${String(to)}`).toBe('code_range_invalid');
    }
    expect(add({ product: 'wealth', from: 4000, to: 4999, owner: 'x' })).toBe('code_range_invalid');
    expect(add(null)).toBe('code_range_invalid');
    expect(add({ product: 'Wealth Management', from: 4000, to: 4999 })).toBe('product_name_invalid');
    expect(errorCodeOf(() => codeRegistry('reason' as 'account'))).toBe('code_range_invalid');
    expect(errorCodeOf(() => codeFor({ kind: 'account', ranges: [] } as CodeRegistry, 'loan', 0))).toBe('code_range_invalid');
  });

  it('holds at most 256 ranges', () => {
    const many = Array.from({ length: 256 }, (_, i) => ({ product: `p${i}`, from: i * 10 + 1, to: i * 10 + 10 }));
    const full = accountCodeRegistry(many);
    expect(errorCodeOf(() => registerCodeRange(full, { product: 'one-more', from: 60_000, to: 60_001 }))).toBe('code_ranges_exceeded');
    expect(errorCodeOf(() => accountCodeRegistry([...many, { product: 'one-more', from: 60_000, to: 60_001 }]))).toBe('code_ranges_exceeded');
  });
});
