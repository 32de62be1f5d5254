import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineAsset } from './asset.js';
import { createAssetRegistry } from './assetRegistry.js';
import { toDecimal } from './calculator.js';
import { CNY, JPY, KWD, USD } from './currencies.js';
import {
  abs,
  add,
  applyRate,
  compare,
  deserializeMoney,
  divide,
  equals,
  fromMinor,
  greaterThan,
  isNegative,
  isPositive,
  isZero,
  lessThan,
  max,
  min,
  money,
  multiply,
  negate,
  parseMoney,
  serializeMoney,
  subtract,
  sum,
  toDecimalString,
  toJSON,
  zero,
  type Money,
} from './money.js';
import { MAX_MINOR, MIN_MINOR } from './range.js';
import { expectLeft, expectMoneyError, expectRight } from '../../test-kit/money/testSupport.js';

const FUND = expectRight(defineAsset({ code: 'FUNDX', scale: 6, name: 'Fund X units' }));

describe('constructors', () => {
  it('money takes decimal strings of major units or bigint minor units', () => {
    expect(money('12.34', CNY).minor).toBe(1234n);
    expect(money(1234n, CNY).minor).toBe(1234n);
    expect(money('1500', JPY).minor).toBe(1500n);
    expect(money('1.234', KWD).minor).toBe(1234n);
    expect(money('0.000001', FUND).minor).toBe(1n);
    const m = money('1', CNY);
    expect(Object.isFrozen(m)).toBe(true);
    expect(m.asset).toBe(CNY);
  });

  it('money throws precise codes', () => {
    expectMoneyError(() => money('1.5', JPY), 'amount_too_many_decimals');
    expectMoneyError(() => money('1.2345', KWD), 'amount_too_many_decimals');
    expectMoneyError(() => money('1e3', CNY), 'amount_exponent_notation');
    expectMoneyError(() => money(12 as unknown as string, CNY), 'amount_is_number');
    expectMoneyError(() => money(MAX_MINOR + 1n, CNY), 'amount_out_of_range');
  });

  it('fromMinor and zero', () => {
    expect(fromMinor(-5n, CNY).minor).toBe(-5n);
    expect(zero(KWD)).toEqual({ asset: KWD, minor: 0n });
    expectMoneyError(() => fromMinor(5 as unknown as bigint, CNY), 'amount_is_number');
    expectMoneyError(() => fromMinor(MIN_MINOR - 1n, CNY), 'amount_out_of_range');
  });

  it('parseMoney returns typed Lefts and never throws', () => {
    expect(expectRight(parseMoney('1.50', CNY)).minor).toBe(150n);
    expect(expectRight(parseMoney(150n, CNY)).minor).toBe(150n);
    expectLeft(parseMoney(1.5, CNY), 'amount_is_number');
    expectLeft(parseMoney(0, CNY), 'amount_is_number');
    expectLeft(parseMoney(Number.NaN, CNY), 'amount_not_finite');
    expectLeft(parseMoney(Number.POSITIVE_INFINITY, CNY), 'amount_not_finite');
    expectLeft(parseMoney('NaN', CNY), 'amount_not_finite');
    expectLeft(parseMoney(null, CNY), 'amount_not_string_or_bigint');
    expectLeft(parseMoney(undefined, CNY), 'amount_not_string_or_bigint');
    expectLeft(parseMoney({ amount: '1' }, CNY), 'amount_not_string_or_bigint');
    expectLeft(parseMoney('1,50', CNY), 'amount_malformed');
    expectLeft(parseMoney('1e2', CNY), 'amount_exponent_notation');
    expectLeft(parseMoney('1.505', CNY), 'amount_too_many_decimals');
    expectLeft(parseMoney(MAX_MINOR + 1n, CNY), 'amount_out_of_range');
  });
});

describe('arithmetic', () => {
  const a = money('10.00', CNY);
  const b = money('2.50', CNY);

  it('add, subtract, negate, abs', () => {
    expect(toDecimalString(add(a, b))).toBe('12.50');
    expect(toDecimalString(subtract(b, a))).toBe('-7.50');
    expect(toDecimalString(negate(b))).toBe('-2.50');
    expect(toDecimalString(abs(negate(b)))).toBe('2.50');
    expect(abs(b)).toBe(b);
  });

  it('rejects different assets at runtime (code or scale)', () => {
    const usd = money('1', USD) as Money;
    const e = expectMoneyError(() => add(a as Money, usd), 'asset_mismatch');
    expect(e.message).toBe('cannot combine amounts of different assets: CNY (scale 2) vs USD (scale 2)');
    const fakeCny = fromMinor(1n, { ...CNY, scale: 3 });
    expectMoneyError(() => subtract(a, fakeCny), 'asset_mismatch');
    expectMoneyError(() => compare(a as Money, usd), 'asset_mismatch');
    expectMoneyError(() => equals(a as Money, usd), 'asset_mismatch');
    expectMoneyError(() => sum(CNY as typeof CNY, [a, usd as Money<'CNY'>]), 'asset_mismatch');
  });

  it('rejects different assets at compile time', () => {
    const cny = money('1', CNY);
    const usd = money('1', USD);
    // @ts-expect-error Money<'USD'> is not Money<'CNY'>
    expectMoneyError(() => add(cny, usd), 'asset_mismatch');
    // @ts-expect-error NoInfer stops C from widening to 'CNY' | 'USD'
    expectMoneyError(() => subtract(cny, usd), 'asset_mismatch');
    // @ts-expect-error comparisons too
    expectMoneyError(() => compare(cny, usd), 'asset_mismatch');
    // @ts-expect-error sum's list must match the asset
    expectMoneyError(() => sum(CNY, [usd]), 'asset_mismatch');
    expectTypeOf(add(cny, money('2', CNY))).toEqualTypeOf<Money<'CNY'>>();
    // Widened (e.g. deserialized) money still combines with a literal-typed amount.
    const loose: Money = cny;
    expectTypeOf(add(loose, cny)).toEqualTypeOf<Money>();
  });

  it('add and subtract keep the range', () => {
    const top = fromMinor(MAX_MINOR, CNY);
    expectMoneyError(() => add(top, fromMinor(1n, CNY)), 'amount_out_of_range');
    expectMoneyError(() => subtract(negate(top), fromMinor(1n, CNY)), 'amount_out_of_range');
    expect(negate(top).minor).toBe(MIN_MINOR);
  });

  it('multiply, divide and applyRate round with the named mode (default half-even)', () => {
    const m = money('10.05', CNY);
    expect(toDecimalString(multiply(m, '0.5'))).toBe('5.02'); // 5.025 → even
    expect(toDecimalString(multiply(m, '0.5', 'half-up'))).toBe('5.03');
    expect(toDecimalString(multiply(negate(m), '0.5', 'half-up'))).toBe('-5.03');
    expect(toDecimalString(multiply(m, 3n))).toBe('30.15');
    expect(toDecimalString(divide(money('100', CNY), 3n))).toBe('33.33');
    expect(toDecimalString(divide(money('100', CNY), '3', 'up'))).toBe('33.34');
    expect(toDecimalString(applyRate(money('10000', CNY), '0.0035'))).toBe('35.00');
    expect(toDecimalString(applyRate(money('1234.56', CNY), '0.0035', 'half-up'))).toBe('4.32'); // 4.32096
    expect(toDecimalString(applyRate(money('1234.56', CNY), toDecimal('0.0035'), 'ceiling'))).toBe('4.33');
    expect(toDecimalString(multiply(money('1234', JPY), '0.015', 'half-even'))).toBe('19'); // 18.51
    expect(toDecimalString(multiply(money('1.001', KWD), '0.5', 'half-even'))).toBe('0.500'); // 0.5005
    expectMoneyError(() => divide(m, '0'), 'division_by_zero');
    expectMoneyError(() => multiply(m, 0.5 as unknown as string), 'factor_invalid');
    expectMoneyError(() => applyRate(m, '3.5%'), 'factor_invalid');
  });

  it('sum', () => {
    expect(toDecimalString(sum(CNY, []))).toBe('0.00');
    expect(toDecimalString(sum(CNY, [a, b, negate(b)]))).toBe('10.00');
  });
});

describe('comparison', () => {
  const one = money('1', CNY);
  const two = money('2', CNY);

  it('compare, equals, lessThan, greaterThan', () => {
    expect(compare(one, two)).toBe(-1);
    expect(compare(two, one)).toBe(1);
    expect(compare(one, money('1.00', CNY))).toBe(0);
    expect(equals(one, money(100n, CNY))).toBe(true);
    expect(lessThan(one, two)).toBe(true);
    expect(greaterThan(one, two)).toBe(false);
  });

  it('sign predicates', () => {
    expect(isZero(zero(CNY))).toBe(true);
    expect(isPositive(one)).toBe(true);
    expect(isNegative(negate(one))).toBe(true);
    expect(isPositive(zero(CNY)) || isNegative(zero(CNY))).toBe(false);
  });

  it('min and max', () => {
    expect(min(two, one, money('3', CNY))).toBe(one);
    expect(max(one, two, negate(two))).toBe(two);
    expect(min(one)).toBe(one);
  });
});

describe('serialization', () => {
  const registry = createAssetRegistry([FUND]);

  it('toJSON and serializeMoney use the canonical amount', () => {
    expect(toJSON(money('1.5', CNY))).toEqual({ amount: '1.50', asset: 'CNY' });
    expect(serializeMoney(money('-0.05', CNY))).toBe('{"amount":"-0.05","asset":"CNY"}');
    expect(serializeMoney(money('15', JPY))).toBe('{"amount":"15","asset":"JPY"}');
    expect(serializeMoney(money('1.2', KWD))).toBe('{"amount":"1.200","asset":"KWD"}');
    expect(serializeMoney(money('3', FUND))).toBe('{"amount":"3.000000","asset":"FUNDX"}');
  });

  it('deserializeMoney reads objects and JSON text', () => {
    const text = '{"amount":"1.000001","asset":"FUNDX"}';
    const m = expectRight(deserializeMoney(text, registry));
    expect(m.asset).toBe(FUND);
    expect(serializeMoney(m)).toBe(text);
    expect(expectRight(deserializeMoney({ amount: '1.5', asset: 'USD', note: 'extra' }, registry)).minor).toBe(150n);
  });

  it('deserializeMoney reports typed errors', () => {
    expectLeft(deserializeMoney('{"amount":', registry), 'money_json_invalid');
    expectLeft(deserializeMoney('[]', registry), 'money_json_invalid');
    expectLeft(deserializeMoney(null, registry), 'money_json_invalid');
    expectLeft(deserializeMoney({ amount: 1.5, asset: 'USD' }, registry), 'money_json_invalid');
    expectLeft(deserializeMoney(Object.create({ amount: '1', asset: 'USD' }) as unknown, registry), 'money_json_invalid');
    expectLeft(deserializeMoney({ amount: '1', asset: 'XXX' }, registry), 'asset_unknown');
    expectLeft(deserializeMoney({ amount: '1.5', asset: 'JPY' }, registry), 'amount_too_many_decimals');
    expect(E.isLeft(deserializeMoney({ amount: '1', asset: 'PTS' }, registry))).toBe(true);
  });
});
