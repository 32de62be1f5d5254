import { CNY } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../test-kit/errorCode.js';
import { choiceOf, dateOf, identifierOf, instantOf, integerOf, positiveAmountOf } from './fields.js';

describe('field checks shared by the deposit products', () => {
  it('identifiers: 1..128 characters without control characters', () => {
    expect(identifierOf({ id: '客户-1' }, 'id')).toBe('客户-1');
    expect(errorCodeOf(() => identifierOf({}, 'id'))).toBe('field_missing');
    expect(errorCodeOf(() => identifierOf({ id: 7 }, 'id'))).toBe('field_not_string');
    for (const bad of ['', 'a\nb', 'x'.repeat(129)]) expect(errorCodeOf(() => identifierOf({ id: bad }, 'id')), JSON.stringify(bad)).toBe('identifier_invalid');
  });

  it('dates and instants', () => {
    expect(dateOf({ on: '2024-02-29' }, 'on')).toBe('2024-02-29');
    expect(errorCodeOf(() => dateOf({ on: '2026-02-30' }, 'on'))).toBe('date_invalid');
    expect(instantOf({ at: '2026-01-05T09:30:00.000Z' }, 'at')).toBe('2026-01-05T09:30:00.000Z');
    for (const bad of ['2026-02-30T09:30:00Z', '2026-01-05 09:30:00Z', '2026-01-05T09:30:00+08:00']) expect(errorCodeOf(() => instantOf({ at: bad }, 'at')), bad).toBe('instant_invalid');
  });

  it('positive amounts in minor units', () => {
    expect(positiveAmountOf({ amount: '12.5' }, 'amount', CNY)).toBe(1250n);
    expect(errorCodeOf(() => positiveAmountOf({ amount: '0.00' }, 'amount', CNY))).toBe('amount_not_positive');
    expect(errorCodeOf(() => positiveAmountOf({ amount: '-1' }, 'amount', CNY))).toBe('amount_negative');
    expect(errorCodeOf(() => positiveAmountOf({ amount: '0.001' }, 'amount', CNY))).toBe('amount_invalid');
    expect(positiveAmountOf({ amount: '1701411834604692317316873037158841057.27' }, 'amount', CNY)).toBe(2n ** 127n - 1n);
    expect(errorCodeOf(() => positiveAmountOf({ amount: '1701411834604692317316873037158841057.28' }, 'amount', CNY))).toBe('amount_invalid');
  });

  it('choices and integers', () => {
    expect(choiceOf({ c: 'b' }, 'c', ['a', 'b'], 'channel_unknown')).toBe('b');
    expect(errorCodeOf(() => choiceOf({}, 'c', ['a'], 'channel_unknown'))).toBe('field_missing');
    expect(errorCodeOf(() => choiceOf({ c: 'A' }, 'c', ['a'], 'channel_unknown'))).toBe('channel_unknown');
    expect(integerOf(12, 'n', 1, 12)).toBe(12);
    expect(errorCodeOf(() => integerOf(undefined, 'n', 1, 12))).toBe('field_missing');
    for (const bad of [0, 13, 1.5, '3']) expect(errorCodeOf(() => integerOf(bad, 'n', 1, 12)), String(bad)).toBe('count_invalid');
  });
});
