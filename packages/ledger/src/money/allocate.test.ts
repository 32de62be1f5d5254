import { describe, expect, it } from 'vitest';
import { allocate, allocateEvenly } from './allocate.js';
import { defineAsset } from './asset.js';
import { CNY, JPY, KWD } from './currencies.js';
import { money, toDecimalString, type Money } from './money.js';
import { expectMoneyError, expectRight } from '../../test-kit/money/testSupport.js';

const strings = (parts: readonly Money[]): string[] => parts.map(toDecimalString);

describe('allocate', () => {
  it('splits by integer ratios with the largest-remainder method', () => {
    expect(strings(allocate(money('100', CNY), [1n, 1n, 1n]))).toEqual(['33.34', '33.33', '33.33']);
    expect(strings(allocate(money('0.05', CNY), [3n, 7n]))).toEqual(['0.02', '0.03']); // 1.5 / 3.5 → 3.5 wins? no: equal .5 remainders, earlier wins
  });

  it('gives leftover units to the largest remainders, earlier index on ties', () => {
    // 10 units by 1:1:1:1 → 2.5 each; two leftovers go to indexes 0 and 1.
    expect(allocate(money(10n, CNY), [1n, 1n, 1n, 1n]).map((m) => m.minor)).toEqual([3n, 3n, 2n, 2n]);
    // 10 units by 1:2:3 → 1.666, 3.333, 5 → floors 1, 3, 5; remainder 0.666 wins the one leftover.
    expect(allocate(money(10n, CNY), [1n, 2n, 3n]).map((m) => m.minor)).toEqual([2n, 3n, 5n]);
  });

  it('accepts decimal-string ratios, scaled to integers exactly', () => {
    expect(strings(allocate(money('10', CNY), ['0.7', '0.3']))).toEqual(['7.00', '3.00']);
    expect(strings(allocate(money('1', CNY), ['0.333', '0.333', '0.334']))).toEqual(['0.33', '0.33', '0.34']);
    expect(strings(allocate(money('1', CNY), ['1', '0.25']))).toEqual(['0.80', '0.20']);
    expect(strings(allocate(money('7', JPY), ['50', '50']))).toEqual(['4', '3']);
  });

  it('gives zero ratios nothing and handles a zero amount', () => {
    expect(allocate(money(5n, CNY), [0n, 1n, 0n]).map((m) => m.minor)).toEqual([0n, 5n, 0n]);
    expect(allocate(money(0n, CNY), [1n, 2n]).map((m) => m.minor)).toEqual([0n, 0n]);
  });

  it('is symmetric for negative amounts', () => {
    expect(strings(allocate(money('-100', CNY), [1n, 1n, 1n]))).toEqual(['-33.34', '-33.33', '-33.33']);
    expect(strings(allocate(money('-0.010', KWD), ['0.5', '0.25', '0.25']))).toEqual(['-0.005', '-0.003', '-0.002']);
  });

  it('works for scale-6 fund units', () => {
    const fund = expectRight(defineAsset({ code: 'FUNDX', scale: 6, name: 'Fund X units' }));
    expect(strings(allocate(money('1', fund), [1n, 2n]))).toEqual(['0.333333', '0.666667']); // .67 beats .33
  });

  it.each([
    [[]],
    [[0n, 0n]],
    [['0', '0.00']],
    [[-1n, 2n]],
    [['-0.5', '1']],
    [['1e2']],
    [['.5']],
    [[' 1']],
    [[1 as unknown as bigint]],
    [[Number.NaN as unknown as bigint]],
  ] as const)('rejects ratios %s with ratio_invalid', (ratios) => {
    const e = expectMoneyError(() => allocate(money('1', CNY), ratios as readonly (string | bigint)[]), 'ratio_invalid');
    expect(e.message.startsWith('allocation ratios must be non-negative integers or decimal strings with a positive total')).toBe(true);
  });
});

describe('allocateEvenly', () => {
  it('splits into n parts, earlier parts taking the leftover units', () => {
    expect(strings(allocateEvenly(money('100', CNY), 3))).toEqual(['33.34', '33.33', '33.33']);
    expect(strings(allocateEvenly(money('-1', JPY), 2))).toEqual(['-1', '0']);
    expect(allocateEvenly(money('1', CNY), 1)).toHaveLength(1);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1_000_001])('rejects %d parts', (n) => {
    expectMoneyError(() => allocateEvenly(money('1', CNY), n), 'ratio_invalid');
  });
});
