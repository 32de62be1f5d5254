import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { ROUNDING_MODES } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { DAY_COUNTS } from '../../calendar/dayCount.js';
import { isInterestAccruedData } from './accruedFastCheck.js';
import { InterestAccruedCodecWithoutFastPath as codec, demandDepositSchemas } from './events.js';

// Leaves mostly valid, so that both answers of the check are exercised.
const mostly = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: valid, weight: 30 }, { arbitrary: invalid, weight: 1 });
const date = mostly(fc.constantFrom('2026-01-05', '2024-02-29', '1900-01-01', '2199-12-31'), fc.oneof(fc.constantFrom('2026-02-30', '1899-12-31', '2026-1-05', '2200-01-01'), fc.string()));
const decimal = mostly(fc.constantFrom('0', '0.1', '10000.00', '0.0000277777'), fc.oneof(fc.constantFrom('-1', '01', '1e3', '.5', '', '-0'), fc.string()));
const digits = mostly(fc.constantFrom('1', '36', '3600000'), fc.oneof(fc.constantFrom('0', '01', '-1', '1.0', ''), fc.string()));
const id = mostly(fc.constantFrom('DD0000001', '客户-1'), fc.oneof(fc.constantFrom('', 'a\u0000b', 'x'.repeat(129)), fc.string()));
const segment = fc.record({
  from: date,
  to: date,
  days: mostly(fc.nat(400), fc.constantFrom(-1, 1.5, Number.MAX_SAFE_INTEGER + 1, '1')),
  balance: decimal,
  rate: decimal,
  dayCount: mostly(fc.constantFrom(...DAY_COUNTS), fc.constantFrom('ACT/364', '')),
  yearFraction: mostly(fc.constantFrom('1/360', '11/365+80/366'), fc.constantFrom(1, null)),
  rawInterest: decimal,
});
const accrued = fc.record({
  contractId: id,
  from: date,
  through: date,
  segments: fc.array(segment, { maxLength: 3 }),
  periodInterest: fc.record({ num: digits, den: digits }),
  rounding: fc.record({ mode: mostly(fc.constantFrom(...ROUNDING_MODES), fc.constant('nearest')), raw: decimal, rounded: decimal }),
  ledgerAmount: decimal,
});

type Tree = Record<string, unknown> | unknown[];
/** One structural change somewhere in the tree: a field dropped, added, replaced, set undefined; an object made an instance. */
const mutate = (value: unknown, path: readonly number[], change: number, replacement: unknown): unknown => {
  if (typeof value !== 'object' || value === null) return replacement;
  const keys = Object.keys(value);
  const copy: Tree = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  if (path.length === 0 || keys.length === 0) {
    const c = copy as Record<string, unknown>;
    switch (change % 5) {
      case 0: if (keys.length > 0) delete c[keys[0]!]; return c;
      case 1: c['extra'] = replacement; return c;
      case 2: if (keys.length > 0) c[keys[keys.length - 1]!] = undefined; return c;
      case 3: return Object.assign(Object.create({ inherited: true }), c);
      default: return Array.isArray(value) ? { ...value } : Object.values(c);
    }
  }
  const key = keys[path[0]! % keys.length]!;
  (copy as Record<string, unknown>)[key] = mutate((value as Record<string, unknown>)[key], path.slice(1), change, replacement);
  return copy;
};

let accepted = 0;
const agrees = (u: unknown): void => {
  if (!isInterestAccruedData(u)) return;
  accepted++;
  const decoded = codec.decode(u);
  expect(E.isRight(decoded)).toBe(true);
  expect(E.isRight(decoded) && decoded.right).toStrictEqual(u);
  expect(codec.encode(u as never)).toStrictEqual(u);
};

describe('InterestAccrued fast check', () => {
  it('accepts only data the codec accepts unchanged (random fields, valid and not)', () => {
    accepted = 0;
    fc.assert(fc.property(accrued, (u) => agrees(u)), { numRuns: 3000 });
    // Both answers are exercised: some random data is valid, some is not.
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(3000);
  });

  it('accepts only data the codec accepts unchanged (one structural change anywhere)', () => {
    accepted = 0;
    fc.assert(
      fc.property(accrued, fc.array(fc.nat(), { maxLength: 4 }), fc.nat(), fc.anything(), (u, path, change, replacement) => agrees(mutate(u, path, change, replacement))),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it('takes the fast path for real accrual data, and the schema gives the same answers as the codec', () => {
    const data = {
      contractId: 'DD0000001',
      from: '2026-01-06',
      through: '2026-01-06',
      segments: [{ from: '2026-01-06', to: '2026-01-07', days: 1, balance: '10000.00', rate: '0.36', dayCount: 'ACT/360', yearFraction: '1/360', rawInterest: '0.1' }],
      periodInterest: { num: '10', den: '1' },
      rounding: { mode: 'half-even', raw: '0.1', rounded: '0.10' },
      ledgerAmount: '0.10',
    };
    expect(isInterestAccruedData(data)).toBe(true);
    expect(demandDepositSchemas.InterestAccrued.codec.decode(data)).toStrictEqual(codec.decode(data));
    const bad = { ...data, through: '2026-02-30' };
    expect(isInterestAccruedData(bad)).toBe(false);
    expect(E.isLeft(demandDepositSchemas.InterestAccrued.codec.decode(bad))).toBe(true);
  });
});
