import { toDecimal } from '@ecoledger/ledger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { productsErrorMessages } from '../errors.js';
import { COMPOUNDINGS, quoteTermDeposit, type TermDepositQuoteInput } from './termDeposit.js';
import { errorCodeOf } from '../../test-kit/errorCode.js';

const base: TermDepositQuoteInput = { principal: '10000', annualRate: '5', months: 12 };
const codeOf = (input: unknown): string | undefined => errorCodeOf(() => quoteTermDeposit(input as TermDepositQuoteInput));

describe('quoteTermDeposit', () => {
  it('known answers: 10,000 at 5 % for 12 months', () => {
    const expected = { none: ['500.00', '10500.00', 1], monthly: ['511.62', '10511.62', 12], quarterly: ['509.45', '10509.45', 4], 'semi-annual': ['506.25', '10506.25', 2], annual: ['500.00', '10500.00', 1] } as const;
    for (const compounding of COMPOUNDINGS) {
      const quote = quoteTermDeposit({ ...base, compounding });
      const [interest, maturityAmount, periods] = expected[compounding];
      expect(quote.interest, compounding).toBe(interest);
      expect(quote.maturityAmount, compounding).toBe(maturityAmount);
      expect(quote.segments, compounding).toHaveLength(periods);
    }
    // 10,000 × (1 + 0.05/12)^12 − 10,000 = 511.6189788…, rounded once at maturity (half-up).
    expect(quoteTermDeposit({ ...base, compounding: 'monthly' }).rounding.raw).toMatch(/^511\.6189788/);
  });

  it('known answers of the compound-interest formula A = P(1 + r/n)^(nt) used by published calculators (investor.gov, calculator.net)', () => {
    // 5,000 at 5 % compounded monthly for 10 years: 8,235.05 (the textbook example of those calculators).
    expect(quoteTermDeposit({ principal: '5000', annualRate: '5', months: 120, compounding: 'monthly' }).maturityAmount).toBe('8235.05');
    // 1,000 at 6 % compounded annually for 3 years: 1,191.02 (1,000 × 1.06³ = 1,191.016).
    expect(quoteTermDeposit({ principal: '1000', annualRate: '6', months: 36, compounding: 'annual' }).maturityAmount).toBe('1191.02');
    // A PBoC-style 1-year fixed deposit: 10,000 at 1.75 % simple interest, 175.00.
    expect(quoteTermDeposit({ principal: '10000', annualRate: '1.75', months: '12' }).interest).toBe('175.00');
  });

  it('each segment is one compounding period that chains into the next, with its exact year fraction', () => {
    const quote = quoteTermDeposit({ ...base, compounding: 'quarterly' });
    expect(quote.segments.map((s) => [s.openingBalance, s.yearFraction, s.interest, s.closingBalance])).toEqual([
      ['10000', '3/12', '125', '10125'],
      ['10125', '3/12', '126.5625', '10251.5625'],
      ['10251.5625', '3/12', '128.14453125', '10379.70703125'],
      ['10379.70703125', '3/12', '129.746337890625', '10509.453369140625'],
    ]);
    // A term that is not a whole number of periods ends with a shorter stub period.
    expect(quoteTermDeposit({ ...base, months: 7, compounding: 'quarterly' }).segments.map((s) => s.months)).toEqual([3, 3, 1]);
  });

  it('with a day count and a start date, periods run between dates (month-end rule) and use the convention', () => {
    const quote = quoteTermDeposit({ ...base, months: 3, compounding: 'monthly', dayCount: 'ACT/365', start: '2025-01-31' });
    expect(quote.segments.map((s) => [s.from, s.to, s.days, s.yearFraction])).toEqual([
      ['2025-01-31', '2025-02-28', 28, '28/365'],
      ['2025-02-28', '2025-03-31', 31, '31/365'],
      ['2025-03-31', '2025-04-30', 30, '30/365'],
    ]);
    // Simple interest over 2025-01-01..2026-01-01 ACT/360: 10,000 × 5 % × 365/360 = 506.94.
    expect(quoteTermDeposit({ ...base, dayCount: 'ACT/360', start: '2025-01-01' }).interest).toBe('506.94');
  });

  it('the largest quotes (600 monthly ACT/ACT periods) are computed, carrying 30 places; beyond the ledger range they are refused', () => {
    const minor = (text: string): bigint => BigInt(text.replace('.', ''));
    const principal = `${'9'.repeat(20)}.99`;
    const quote = quoteTermDeposit({ principal, annualRate: '5', months: 600, compounding: 'monthly', dayCount: 'ACT/ACT', start: '1900-01-31' });
    expect(quote.segments).toHaveLength(600);
    expect(minor(quote.maturityAmount)).toBe(minor(principal) + minor(quote.interest));
    expect(codeOf({ principal: `${'9'.repeat(36)}.99`, annualRate: '1000', months: 600, compounding: 'monthly', dayCount: 'ACT/ACT', start: '1900-01-31' })).toBe('amount_out_of_range');
    const monthly = quoteTermDeposit({ ...base, compounding: 'monthly' });
    expect(monthly.segments[0]?.interest).toBe(`41.${'6'.repeat(31)}7`);
  });

  it('bad input gets a specific code', () => {
    expect(codeOf({ ...base, months: 0 })).toBe('months_invalid');
    expect(codeOf({ ...base, months: 601 })).toBe('months_invalid');
    expect(codeOf({ ...base, months: 1.5 })).toBe('months_invalid');
    expect(codeOf({ ...base, months: '012' })).toBe('months_invalid');
    expect(codeOf({ principal: '1', annualRate: '1' })).toBe('field_missing');
    expect(codeOf({ ...base, compounding: 'daily' })).toBe('compounding_unknown');
    expect(codeOf({ ...base, dayCount: 'ACT/360' })).toBe('start_required');
    expect(codeOf({ ...base, start: '2199-06-01' })).toBe('date_invalid');
    expect(codeOf({ ...base, principal: 10000 })).toBe('field_not_string');
    expect(codeOf({ ...base, annualRate: '5%' })).toBe('rate_invalid');
    expect(codeOf({ ...base, term: 12 })).toBe('field_unknown');
  });

  it('fuzz: any value in any field is either accepted or refused with a ProductsError', () => {
    const fields = ['principal', 'annualRate', 'months', 'compounding', 'dayCount', 'start', 'rounding', 'asset', 'other'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.anything(), (field, value) => {
        const code = codeOf({ ...base, start: '2026-01-01', [field]: value });
        if (code !== undefined) expect(Object.keys(productsErrorMessages)).toContain(code);
      }),
    );
  });

  it('property: maturity = principal + interest, and the rounded interest is within one minor unit of the raw total', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 10n }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 1, max: 120 }),
        fc.constantFrom(...COMPOUNDINGS),
        (minor, rateHundredths, months, compounding) => {
          const principal = `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`;
          const quote = quoteTermDeposit({ principal, annualRate: `${Math.floor(rateHundredths / 100)}.${String(rateHundredths % 100).padStart(2, '0')}`, months, compounding });
          expect(toDecimal(quote.maturityAmount).equals(toDecimal(principal).plus(toDecimal(quote.interest)))).toBe(true);
          expect(toDecimal(quote.rounding.raw).minus(toDecimal(quote.interest)).abs().lessThanOrEqualTo('0.005')).toBe(true);
          expect(quote.segments.reduce((sum, s) => sum + s.months, 0)).toBe(months);
        },
      ),
      { numRuns: 50 },
    );
  });
});
