import { JPY, toDecimal } from '@ecoledger/ledger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryDate } from '../../test-kit/arbitraries.js';
import { ProductsError, productsErrorMessages } from '../errors.js';
import { accrue, type AccrueInput } from './accrue.js';
import { errorCodeOf } from '../../test-kit/errorCode.js';

const base: AccrueInput = { principal: '10000.00', annualRate: '0.36', from: '2026-01-01', to: '2026-04-01', dayCount: 'ACT/360' };
const codeOf = (input: unknown): string | undefined => errorCodeOf(() => accrue(input as AccrueInput));

describe('accrue: explainable simple interest', () => {
  it('known answer: 10,000.00 at 0.36 % ACT/360 for 90 days earns 9.00, with its trace', () => {
    expect(accrue(base)).toEqual({
      interest: '9.00',
      segments: [{ from: '2026-01-01', to: '2026-04-01', days: 90, balance: '10000.00', rate: '0.36', dayCount: 'ACT/360', yearFraction: '90/360', rawInterest: '9' }],
      rounding: { mode: 'half-up', raw: '9', rounded: '9.00' },
    });
  });

  it('rounds once to the minor unit with the named mode (half-up by default)', () => {
    // 1,000.00 × 1 % × 1/365 = 0.0273972…: half-up 0.03, down 0.02.
    const input = { principal: '1000.00', annualRate: '1', from: '2026-01-01', to: '2026-01-02', dayCount: 'ACT/365' } as const;
    expect(accrue(input).interest).toBe('0.03');
    expect(accrue({ ...input, rounding: 'down' }).interest).toBe('0.02');
    expect(accrue(input).rounding.raw).toMatch(/^0\.0273972602739726027/);
    // A tie: 100.00 × 3.65 % × 1/365 = 0.01 exactly; 50.00 → 0.005: half-up 0.01, half-even 0.00.
    const tie = { ...input, principal: '50.00', annualRate: '3.65' } as const;
    expect(accrue(tie).rounding.raw).toBe('0.005');
    expect(accrue(tie).interest).toBe('0.01');
    expect(accrue({ ...tie, rounding: 'half-even' }).interest).toBe('0.00');
  });

  it('rounds to the asset’s minor unit (JPY: whole yen)', () => {
    expect(accrue({ ...base, principal: '1000000', asset: JPY, annualRate: '0.5' }).interest).toBe('1250');
  });

  it('ACT/ACT across a year end: one segment with its exact split fraction', () => {
    const trace = accrue({ principal: '10000.00', annualRate: '3.65', from: '2023-12-01', to: '2024-01-31', dayCount: 'ACT/ACT' });
    expect(trace.segments[0]?.yearFraction).toBe('31/365+30/366');
    // 10,000 × 3.65 % × (31/365 + 30/366) = 31 + 29.9180… = 60.9180…
    expect(trace.interest).toBe('60.92');
  });

  it('bad input gets a specific code and nothing else', () => {
    expect(codeOf(null)).toBe('input_not_object');
    expect(codeOf([])).toBe('input_not_object');
    expect(codeOf({ ...base, extra: 1 })).toBe('field_unknown');
    expect(codeOf({ ...base, principal: undefined })).toBe('field_missing');
    expect(codeOf({ ...base, principal: 10000 })).toBe('field_not_string');
    expect(codeOf({ ...base, annualRate: 0.36 })).toBe('field_not_string');
    expect(codeOf({ ...base, principal: '10000.001' })).toBe('amount_invalid');
    expect(codeOf({ ...base, principal: '1e4' })).toBe('amount_invalid');
    expect(codeOf({ ...base, principal: '-1.00' })).toBe('amount_negative');
    expect(codeOf({ ...base, annualRate: '0.000000001' })).toBe('rate_invalid');
    expect(codeOf({ ...base, annualRate: '-0.36' })).toBe('rate_out_of_range');
    expect(codeOf({ ...base, annualRate: '1000.00000001' })).toBe('rate_out_of_range');
    expect(codeOf({ ...base, from: '2026-02-30' })).toBe('date_invalid');
    expect(codeOf({ ...base, to: '2025-12-31' })).toBe('period_reversed');
    expect(codeOf({ ...base, dayCount: 'ACT/364' })).toBe('day_count_unknown');
    expect(codeOf({ ...base, rounding: 'nearest' })).toBe('rounding_mode_unknown');
    expect(codeOf({ ...base, asset: { code: 'CNY', scale: 2.5 } })).toBe('asset_invalid');
    expect(codeOf({ ...base, principal: `${'9'.repeat(36)}.99`, annualRate: '1000', from: '1900-01-01', to: '2199-12-31' })).toBe('amount_out_of_range');
    expect(new ProductsError('rate_invalid', '"x"', 'annualRate').message).toBe(`rate_invalid: ${productsErrorMessages.rate_invalid} (annualRate): "x"`);
  });

  it('fuzz: any value in any field is either accepted or refused with a ProductsError', () => {
    const fields = ['principal', 'annualRate', 'from', 'to', 'dayCount', 'rounding', 'asset', 'other'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.anything(), (field, value) => {
        const code = codeOf({ ...base, [field]: value });
        if (code !== undefined) expect(Object.keys(productsErrorMessages)).toContain(code);
      }),
    );
    fc.assert(fc.property(fc.anything(), (value) => void codeOf(value)));
  });

  it('property: interest over any split of a period, accrued segment by segment, equals the whole: exact unrounded, within one minor unit per segment rounded', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.array(arbitraryDate(), { minLength: 2, maxLength: 8 }),
        fc.constantFrom('ACT/365', 'ACT/360', 'ACT/ACT' as const),
        fc.constantFrom('half-up', 'half-even', 'down' as const),
        (minor, rateUnits, dates, dayCount, rounding) => {
          const principal = `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`;
          const annualRate = `${Math.floor(rateUnits / 1_000_000)}.${String(rateUnits % 1_000_000).padStart(6, '0')}`;
          const sorted = [...dates].sort();
          const whole = accrue({ principal, annualRate, from: sorted[0]!, to: sorted[sorted.length - 1]!, dayCount, rounding });
          let raw = toDecimal('0');
          let rounded = toDecimal('0');
          for (let i = 1; i < sorted.length; i++) {
            const part = accrue({ principal, annualRate, from: sorted[i - 1]!, to: sorted[i]!, dayCount, rounding });
            raw = raw.plus(toDecimal(part.rounding.raw));
            rounded = rounded.plus(toDecimal(part.interest));
          }
          // Raw figures are exact or carry 60 significant digits: their sum differs only far below a fen.
          expect(raw.minus(toDecimal(whole.rounding.raw)).abs().lessThan('1e-40')).toBe(true);
          expect(rounded.minus(toDecimal(whole.interest)).abs().lessThanOrEqualTo(toDecimal('0.01').times(sorted.length - 1))).toBe(true);
        },
      ),
    );
  });
});
