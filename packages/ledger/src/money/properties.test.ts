import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from './allocate.js';
import { defineAsset, type Asset } from './asset.js';
import { createAssetRegistry } from './assetRegistry.js';
import { decimalRounding, toDecimal } from './calculator.js';
import { CNY, JPY, KWD } from './currencies.js';
import { decimalToMinor, minorToDecimal } from './decimalString.js';
import { add, deserializeMoney, fromMinor, parseMoney, serializeMoney, subtract, toDecimalString } from './money.js';
import { MoneyError } from './moneyError.js';
import { MAX_MINOR, MIN_MINOR } from './range.js';
import { ROUNDING_MODES, divideRounded } from './rounding.js';
import { expectRight } from '../../test-kit/money/testSupport.js';

const numRuns = 1000;

const FUND = expectRight(defineAsset({ code: 'FUNDX', scale: 6, name: 'Fund X units' }));
const ATTO = expectRight(defineAsset({ code: 'ATTO', scale: 18, name: 'Finest unit' }));
const assets: readonly Asset[] = [CNY, JPY, KWD, FUND, ATTO];
const registry = createAssetRegistry([FUND, ATTO]);

const minorArb = fc.bigInt({ min: MIN_MINOR, max: MAX_MINOR });
// Mostly everyday amounts, sometimes anywhere in range.
const amountArb = fc.oneof(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), minorArb);
const assetArb = fc.constantFrom(...assets);
const moneyArb = fc.tuple(amountArb, assetArb).map(([minor, asset]) => fromMinor(minor, asset));

/** Oracle for the accepted amount grammar (see decimalToMinor). */
const accepts = (s: string, scale: number): boolean => {
  const match = /^-?(0|[1-9][0-9]*)(?:\.([0-9]+))?$/.exec(s);
  if (match === null || (match[2] ?? '').length > scale || /^-0(\.0+)?$/.test(s)) return false;
  const minor = BigInt(s.replace('.', '')) * 10n ** BigInt(scale - (match[2] ?? '').length);
  return minor >= MIN_MINOR && minor <= MAX_MINOR;
};

describe('properties', () => {
  it('minorToDecimal / decimalToMinor round-trip', () => {
    fc.assert(
      fc.property(minorArb, fc.integer({ min: 0, max: 18 }), (minor, scale) => {
        const text = minorToDecimal(minor, scale);
        expect(decimalToMinor(text, scale)).toBe(minor);
        // The canonical form has exactly `scale` decimals.
        expect(text.split('.')[1]?.length ?? 0).toBe(scale);
      }),
      { numRuns },
    );
  });

  it('serializeMoney / deserializeMoney round-trip, both ways', () => {
    fc.assert(
      fc.property(moneyArb, (m) => {
        const text = serializeMoney(m);
        const back = expectRight(deserializeMoney(text, registry));
        expect(back).toEqual(m);
        expect(serializeMoney(back)).toBe(text);
        expect(expectRight(parseMoney(toDecimalString(m), m.asset))).toEqual(m);
      }),
      { numRuns },
    );
  });

  it('add and subtract are inverse', () => {
    const half = fc.bigInt({ min: -(2n ** 126n) + 1n, max: 2n ** 126n - 1n });
    fc.assert(
      fc.property(half, half, assetArb, (a, b, asset) => {
        const x = fromMinor(a, asset);
        const y = fromMinor(b, asset);
        expect(subtract(add(x, y), y)).toEqual(x);
        expect(add(subtract(x, y), y)).toEqual(x);
      }),
      { numRuns },
    );
  });

  it('allocation preserves the total and keeps every part within one unit of its exact share', () => {
    const ratioArb = fc.oneof(
      fc.bigInt({ min: 0n, max: 10n ** 9n }),
      fc
        .tuple(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.integer({ min: 0, max: 6 }))
        .map(([digits, decimals]) => minorToDecimal(digits, decimals)),
    );
    const ratiosArb = fc
      .array(ratioArb, { minLength: 1, maxLength: 12 })
      .filter((rs) => rs.some((r) => (typeof r === 'bigint' ? r > 0n : /[1-9]/.test(r))));
    fc.assert(
      fc.property(moneyArb, ratiosArb, (m, ratios) => {
        const parts = allocate(m, ratios);
        expect(parts).toHaveLength(ratios.length);
        let total = 0n;
        for (const p of parts) {
          expect(p.asset).toBe(m.asset);
          total += p.minor;
        }
        expect(total).toBe(m.minor);
        // Exact share_i = m × r_i / Σr; compare in integers scaled by 10^6 × Σr.
        const scaled = ratios.map((r) => (typeof r === 'bigint' ? r * 10n ** 6n : BigInt(r.replace('.', '')) * 10n ** BigInt(6 - (r.split('.')[1]?.length ?? 0))));
        const sum = scaled.reduce((a, b) => a + b, 0n);
        parts.forEach((p, i) => {
          const diff = p.minor * sum - m.minor * (scaled[i] as bigint);
          expect(diff < sum && diff > -sum).toBe(true);
        });
      }),
      { numRuns },
    );
  });

  it('divideRounded agrees with decimal.js for every mode', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).filter((d) => d !== 0n),
        fc.constantFrom(...ROUNDING_MODES),
        (n, d, mode) => {
          // 60 significant digits cannot turn a non-tie into a tie for |d| ≤ 10^15, so this oracle is exact.
          const expected = toDecimal(n).div(toDecimal(d)).toDecimalPlaces(0, decimalRounding(mode)).toFixed();
          expect(divideRounded(n, d, mode).toString()).toBe(expected === '-0' ? '0' : expected);
        },
      ),
      { numRuns },
    );
  });

  const expectLeftMoneyError = (input: unknown, asset: Asset): void => {
    const result = parseMoney(input, asset);
    expect(E.isLeft(result)).toBe(true);
    if (E.isLeft(result)) expect(result.left).toBeInstanceOf(MoneyError);
  };

  it('parseMoney never throws and accepts exactly the documented grammar (random strings)', () => {
    const nearMiss = fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', '+', 'e', 'E', ' ', 'N', 'a'), maxLength: 12 });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), nearMiss), assetArb, (input, asset) => {
        const result = parseMoney(input, asset);
        if (accepts(input, asset.scale)) {
          expect(expectRight(result).minor).toBe(decimalToMinor(input, asset.scale));
        } else {
          expectLeftMoneyError(input, asset);
        }
      }),
      { numRuns },
    );
  });

  it('parseMoney rejects every JS number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer()), assetArb, (input, asset) => {
        const result = parseMoney(input, asset);
        if (E.isRight(result)) throw new Error('number accepted');
        expect(result.left.code).toBe(Number.isFinite(input) ? 'amount_is_number' : 'amount_not_finite');
      }),
      { numRuns },
    );
  });

  it('parseMoney never throws and never accepts garbage (fc.anything)', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withSet: true }), assetArb, (input, asset) => {
        const result = parseMoney(input, asset);
        const valid =
          (typeof input === 'string' && accepts(input, asset.scale)) ||
          (typeof input === 'bigint' && input >= MIN_MINOR && input <= MAX_MINOR);
        if (valid) expect(E.isRight(result)).toBe(true);
        else expectLeftMoneyError(input, asset);
      }),
      { numRuns },
    );
  });

  it('deserializeMoney never throws on garbage', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.json(), fc.record({ amount: fc.anything(), asset: fc.anything() })), (input) => {
        const result = deserializeMoney(input, registry);
        if (E.isLeft(result)) expect(result.left).toBeInstanceOf(MoneyError);
      }),
      { numRuns },
    );
  });
});
