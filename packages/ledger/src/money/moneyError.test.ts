import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { moneyErrorMessages, type MoneyErrorCode } from '../errors.js';
import { allocate } from './allocate.js';
import { defineAsset } from './asset.js';
import { createAssetRegistry } from './assetRegistry.js';
import { toDecimal } from './calculator.js';
import { CNY, USD, currencyOf } from './currencies.js';
import { add, deserializeMoney, divide, money, multiply, parseMoney, type Money } from './money.js';
import { MoneyError, attempt, isMoneyError } from './moneyError.js';
import { divideRounded, type RoundingMode } from './rounding.js';

// One real trigger per code: every code in the table must be reachable through the public API.
const triggers: { readonly [C in MoneyErrorCode]: () => E.Either<MoneyError, unknown> } = {
  amount_is_number: () => parseMoney(12.5, CNY),
  amount_not_string_or_bigint: () => parseMoney(true, CNY),
  amount_malformed: () => parseMoney('12,50', CNY),
  amount_exponent_notation: () => parseMoney('1e5', CNY),
  amount_not_finite: () => parseMoney('Infinity', CNY),
  amount_too_many_decimals: () => parseMoney('1.234', CNY),
  amount_out_of_range: () => parseMoney(2n ** 127n, CNY),
  asset_unknown: () => currencyOf('XYZ'),
  asset_invalid: () => defineAsset({ code: 'PTS', scale: 19, name: 'Points' }),
  asset_mismatch: () => attempt(() => add(money('1', CNY) as Money, money('1', USD))),
  ratio_invalid: () => attempt(() => allocate(money('1', CNY), [0n])),
  factor_invalid: () => attempt(() => toDecimal('1e-3')),
  division_by_zero: () => attempt(() => divide(money('1', CNY), '0')),
  rounding_mode_unknown: () => attempt(() => multiply(money('1', CNY), '0.5', 'bankers' as RoundingMode)),
  money_json_invalid: () => deserializeMoney('{"amount": 1}', createAssetRegistry()),
};

describe('MoneyError', () => {
  it.each(Object.keys(moneyErrorMessages) as MoneyErrorCode[])('%s is raised with its table message', (code) => {
    const result = triggers[code]();
    if (E.isRight(result)) throw new Error(`${code} was not raised`);
    const error = result.left;
    expect(error).toBeInstanceOf(MoneyError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('MoneyError');
    expect(error.code).toBe(code);
    expect(error.detail).toBeTypeOf('string');
    expect(error.message).toBe(`${moneyErrorMessages[code]}: ${error.detail}`);
  });

  it('omits the detail when none is given', () => {
    const error = new MoneyError('division_by_zero');
    expect(error.message).toBe('division by zero');
    expect(Object.hasOwn(error, 'detail')).toBe(false);
    expect(isMoneyError(error)).toBe(true);
    expect(isMoneyError(new Error('x'))).toBe(false);
  });

  it('attempt turns only MoneyError into Left', () => {
    expect(E.isLeft(attempt(() => divideRounded(1n, 0n, 'down')))).toBe(true);
    expect(() =>
      attempt(() => {
        throw new TypeError('bug');
      }),
    ).toThrow(TypeError);
  });

  it('truncates long untrusted input in details', () => {
    const result = parseMoney(`x${'9'.repeat(10_000)}`, CNY);
    if (E.isRight(result)) throw new Error('expected Left');
    expect(result.left.message.length).toBeLessThan(200);
  });
});
