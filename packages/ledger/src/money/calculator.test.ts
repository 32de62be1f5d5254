import { Decimal as GlobalDecimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  decimalRounding,
  divideMinor,
  multiplyMinor,
  power,
  ratioOf,
  roundToScale,
  toDecimal,
  toPlainString,
  type Decimal,
} from './calculator.js';
import { ROUNDING_MODES, divideRounded, type RoundingMode } from './rounding.js';
import { expectMoneyError } from '../../test-kit/money/testSupport.js';

describe('toDecimal', () => {
  it('accepts plain decimal strings, bigints and Decimals', () => {
    expect(toDecimal('0.0035').toFixed()).toBe('0.0035');
    expect(toDecimal('-12').toFixed()).toBe('-12');
    expect(toDecimal(10n ** 40n).toFixed()).toBe(`1${'0'.repeat(40)}`);
    expect(toDecimal(new GlobalDecimal('1.25')).toFixed()).toBe('1.25');
  });

  it.each(['1e5', '1E-3', 'NaN', 'Infinity', '-Infinity', '', '.5', '1.', '+1', ' 1', '01', 'abc', '1'.repeat(1001)])(
    'rejects %j with factor_invalid',
    (value) => {
      expectMoneyError(() => toDecimal(value), 'factor_invalid');
    },
  );

  it('rejects JS numbers and non-finite Decimals', () => {
    const e = expectMoneyError(() => toDecimal(0.1 as unknown as string), 'factor_invalid');
    expect(e.message).toContain('JS number');
    expectMoneyError(() => toDecimal(new GlobalDecimal(NaN)), 'factor_invalid');
    expectMoneyError(() => toDecimal(new GlobalDecimal(Infinity)), 'factor_invalid');
    expectMoneyError(() => toDecimal(null as unknown as string), 'factor_invalid');
  });

  it('never prints exponent notation', () => {
    expect(toPlainString(toDecimal('0.0000000000000000000001'))).toBe('0.0000000000000000000001');
    expect(toDecimal(10n ** 30n).toString()).toBe(`1${'0'.repeat(30)}`);
  });

  it('does not touch the global Decimal configuration', () => {
    const before = { precision: GlobalDecimal.precision, rounding: GlobalDecimal.rounding };
    ratioOf(1n, 3n, 'up');
    power('1.01', 365, 'floor');
    expect({ precision: GlobalDecimal.precision, rounding: GlobalDecimal.rounding }).toEqual(before);
  });
});

describe('multiplyMinor / divideMinor', () => {
  it('rounds once, exactly, with the named mode', () => {
    expect(multiplyMinor(1005n, '0.5', 'half-even')).toBe(502n); // 502.5 → even
    expect(multiplyMinor(1005n, '0.5', 'half-up')).toBe(503n);
    expect(multiplyMinor(-1005n, '0.5', 'half-up')).toBe(-503n);
    expect(multiplyMinor(-1005n, '0.5', 'floor')).toBe(-503n);
    expect(multiplyMinor(-1005n, '0.5', 'ceiling')).toBe(-502n);
    expect(multiplyMinor(10n, 3n)).toBe(30n);
    expect(multiplyMinor(10n, toDecimal('0.25'), 'down')).toBe(2n);
  });

  it('keeps every digit of long factors (no 60-digit truncation before rounding)', () => {
    const minor = 10n ** 38n;
    const factor = `0.${'0'.repeat(59)}5`; // 5e-60
    // 1e38 × 5e-60 = 5e-22 → rounds to 0 or 1 depending only on the mode.
    expect(multiplyMinor(minor, factor, 'up')).toBe(1n);
    expect(multiplyMinor(minor, factor, 'half-up')).toBe(0n);
  });

  it('divides with rounding and rejects zero divisors', () => {
    expect(divideMinor(100n, 3n, 'half-even')).toBe(33n);
    expect(divideMinor(100n, '3', 'up')).toBe(34n);
    expect(divideMinor(100n, '0.3', 'half-even')).toBe(333n);
    expect(divideMinor(-100n, '0.3', 'floor')).toBe(-334n);
    expectMoneyError(() => divideMinor(1n, 0n), 'division_by_zero');
    expectMoneyError(() => divideMinor(1n, '0.000'), 'division_by_zero');
    expectMoneyError(() => divideMinor(1n, toDecimal('0')), 'division_by_zero');
  });

  it('rejects bad factors and modes', () => {
    expectMoneyError(() => multiplyMinor(1n, '1e3'), 'factor_invalid');
    expectMoneyError(() => multiplyMinor(1n, 2 as unknown as bigint), 'factor_invalid');
    expectMoneyError(() => multiplyMinor(1n, '1', 'nearest' as RoundingMode), 'rounding_mode_unknown');
  });
});

describe('power', () => {
  it('computes compound factors exactly when small', () => {
    expect(power('1.05', 2).toFixed()).toBe('1.1025');
    expect(power('1.1', 3n).toFixed()).toBe('1.331');
    expect(power('2', 0).toFixed()).toBe('1');
    expect(power('0', 0).toFixed()).toBe('1');
    expect(power('0', 3).toFixed()).toBe('0');
    expect(power('-2', 3).toFixed()).toBe('-8');
    // 10,000.00 at 3.5% compounded monthly for 10 years.
    const factor = power(toDecimal('1').plus(toDecimal('0.035').div(12)), 120);
    expect(factor.precision(true)).toBeLessThanOrEqual(60);
    expect(multiplyMinor(1_000_000n, factor, 'half-even')).toBe(1_418_345n);
    expect(multiplyMinor(1_000_000n, factor, 'down')).toBe(1_418_344n);
  });

  it('rounds large and negative powers to 60 significant digits with the named mode', () => {
    const third = power('3', -1, 'down');
    expect(third.toFixed()).toBe(`0.${'3'.repeat(60)}`);
    expect(power('3', -1, 'up').toFixed()).toBe(`0.${'3'.repeat(59)}4`);
    expect(power('1.0001', 100_000).precision(true)).toBeLessThanOrEqual(60);
    expect(power('2', 1000).toFixed()).toBe((2n ** 1000n).toString()); // 302 digits: exact path
  });

  it('validates the exponent and zero bases', () => {
    expectMoneyError(() => power('2', 1.5), 'factor_invalid');
    expectMoneyError(() => power('2', 1_000_001), 'factor_invalid');
    expectMoneyError(() => power('2', 10n ** 20n), 'factor_invalid');
    expectMoneyError(() => power('0', -1), 'division_by_zero');
    expectMoneyError(() => power('1e2', 2), 'factor_invalid');
  });
});

describe('ratioOf / roundToScale', () => {
  it('divides bigints to 60 significant digits', () => {
    expect(ratioOf(1n, 4n).toFixed()).toBe('0.25');
    expect(ratioOf(2n, 3n, 'half-even').toFixed()).toBe(`0.${'6'.repeat(59)}7`);
    expect(ratioOf(2n, 3n, 'down').toFixed()).toBe(`0.${'6'.repeat(60)}`);
    expectMoneyError(() => ratioOf(1n, 0n), 'division_by_zero');
  });

  it('rounds major units to minor units', () => {
    expect(roundToScale('1.005', 2, 'half-up')).toBe(101n);
    expect(roundToScale('1.005', 2, 'half-even')).toBe(100n);
    expect(roundToScale('-1.005', 2, 'half-up')).toBe(-101n);
    expect(roundToScale('2.5', 0, 'half-even')).toBe(2n);
    expect(roundToScale('12', 3)).toBe(12000n);
    expect(roundToScale(toDecimal('0.1234567'), 6, 'ceiling')).toBe(123457n);
    expect(roundToScale(7n, 2)).toBe(700n);
    expectMoneyError(() => roundToScale('1', 20), 'asset_invalid');
  });

  it('agrees with decimal.js rounding for every mode (checks the mode mapping)', () => {
    const samples = ['2.5', '3.5', '-2.5', '-3.5', '2.4', '-2.6', '0.5', '-0.5', '7', '-7.0001'];
    for (const mode of ROUNDING_MODES) {
      for (const s of samples) {
        const viaDecimal: Decimal = toDecimal(s).toDecimalPlaces(0, decimalRounding(mode));
        expect(roundToScale(s, 0, mode).toString(), `${s} ${mode}`).toBe(viaDecimal.toFixed().replace(/^-0$/, '0'));
        expect(roundToScale(s, 0, mode)).toBe(divideRounded(BigInt(s.replace('.', '')), 10n ** BigInt((s.split('.')[1] ?? '').length), mode));
      }
    }
  });
});
