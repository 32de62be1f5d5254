import { describe, expect, it } from 'vitest';
import type { MoneyErrorCode } from '../errors.js';
import { decimalToMinor, minorToDecimal } from './decimalString.js';
import { MAX_MINOR, MIN_MINOR } from './range.js';
import { expectMoneyError } from '../../test-kit/money/testSupport.js';

describe('decimalToMinor', () => {
  it.each([
    ['1.50', 2, 150n],
    ['1.5', 2, 150n],
    ['0.05', 2, 5n],
    ['-0.05', 2, -5n],
    ['0', 2, 0n],
    ['0.00', 2, 0n],
    ['-3', 2, -300n],
    ['12345678901234567890.12', 2, 1234567890123456789012n],
    ['15', 0, 15n], // JPY
    ['-15', 0, -15n],
    ['1.234', 3, 1234n], // KWD
    ['0.001', 3, 1n],
    ['1.000001', 6, 1000001n], // fund units
    ['0.000000000000000001', 18, 1n],
  ] as const)('%s at scale %i → %s', (value, scale, expected) => {
    expect(decimalToMinor(value, scale)).toBe(expected);
  });

  it.each<[string, number, MoneyErrorCode]>([
    ['', 2, 'amount_malformed'],
    ['-', 2, 'amount_malformed'],
    ['.', 2, 'amount_malformed'],
    ['1.', 2, 'amount_malformed'],
    ['.5', 2, 'amount_malformed'],
    ['-.5', 2, 'amount_malformed'],
    ['+1', 2, 'amount_malformed'],
    [' 1', 2, 'amount_malformed'],
    ['1 ', 2, 'amount_malformed'],
    ['01', 2, 'amount_malformed'],
    ['00.5', 2, 'amount_malformed'],
    ['-01', 2, 'amount_malformed'],
    ['1,50', 2, 'amount_malformed'],
    ['1_000', 2, 'amount_malformed'],
    ['1.2.3', 2, 'amount_malformed'],
    ['--1', 2, 'amount_malformed'],
    ['0x10', 2, 'amount_malformed'],
    ['１', 2, 'amount_malformed'], // full-width digit
    ['-0', 2, 'amount_malformed'],
    ['-0.00', 2, 'amount_malformed'],
    ['abc', 2, 'amount_malformed'],
    ['e5', 2, 'amount_malformed'],
    ['1e', 2, 'amount_malformed'],
    ['1e5', 2, 'amount_exponent_notation'],
    ['1E5', 2, 'amount_exponent_notation'],
    ['-1.5e-3', 2, 'amount_exponent_notation'],
    ['2e+10', 2, 'amount_exponent_notation'],
    ['.5e1', 2, 'amount_exponent_notation'],
    ['NaN', 2, 'amount_not_finite'],
    ['Infinity', 2, 'amount_not_finite'],
    ['-Infinity', 2, 'amount_not_finite'],
    ['+Infinity', 2, 'amount_not_finite'],
    ['1.505', 2, 'amount_too_many_decimals'],
    ['1.500', 2, 'amount_too_many_decimals'],
    ['1.0', 0, 'amount_too_many_decimals'],
    ['0.0001', 3, 'amount_too_many_decimals'],
    ['1' + '0'.repeat(39), 0, 'amount_out_of_range'],
    [(MAX_MINOR + 1n).toString(), 0, 'amount_out_of_range'],
    [(MIN_MINOR - 1n).toString(), 0, 'amount_out_of_range'],
    ['1', -1, 'asset_invalid'],
    ['1', 19, 'asset_invalid'],
    ['1', 1.5, 'asset_invalid'],
  ])('%j at scale %d → %s', (value, scale, code) => {
    expectMoneyError(() => decimalToMinor(value, scale), code);
  });

  it('accepts the range bounds', () => {
    expect(decimalToMinor(MAX_MINOR.toString(), 0)).toBe(MAX_MINOR);
    expect(decimalToMinor(MIN_MINOR.toString(), 0)).toBe(MIN_MINOR);
    expectMoneyError(() => decimalToMinor(`${MAX_MINOR.toString().slice(0, -2)}.${MAX_MINOR.toString().slice(-2)}1`, 3), 'amount_out_of_range');
  });

  it('rejects non-strings from untyped callers', () => {
    expectMoneyError(() => decimalToMinor(15 as unknown as string, 2), 'amount_not_string_or_bigint');
  });

  // Its speed (linear in the length) is measured by `npm run bench` (money.hostile), not here.
  it('rejects long hostile input with the specific reason', () => {
    for (const hostile of ['1'.repeat(1_000_000) + 'x', '1'.repeat(1_000_000) + 'e', `1.${'0'.repeat(1_000_000)}e`]) {
      expectMoneyError(() => decimalToMinor(hostile, 2), 'amount_malformed');
    }
    expectMoneyError(() => decimalToMinor('9'.repeat(1_000_000), 2), 'amount_out_of_range');
  });
});

describe('minorToDecimal', () => {
  it.each([
    [150n, 2, '1.50'],
    [-5n, 2, '-0.05'],
    [0n, 2, '0.00'],
    [5n, 2, '0.05'],
    [-150n, 2, '-1.50'],
    [15n, 0, '15'],
    [-15n, 0, '-15'],
    [0n, 0, '0'],
    [1n, 3, '0.001'],
    [1234n, 3, '1.234'],
    [1n, 6, '0.000001'],
    [1n, 18, '0.000000000000000001'],
    [MAX_MINOR, 2, `${MAX_MINOR.toString().slice(0, -2)}.${MAX_MINOR.toString().slice(-2)}`],
  ] as const)('%s at scale %i → %s', (minor, scale, expected) => {
    expect(minorToDecimal(minor, scale)).toBe(expected);
  });

  it('rejects a bad scale and JS numbers', () => {
    expectMoneyError(() => minorToDecimal(1n, 19), 'asset_invalid');
    expectMoneyError(() => minorToDecimal(150 as unknown as bigint, 2), 'amount_is_number');
  });
});
