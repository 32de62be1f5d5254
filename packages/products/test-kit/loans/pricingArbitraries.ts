/** fast-check arbitraries for the loan pricing tests: LPR tables, spreads and contract periods. */
import fc from 'fast-check';
import { addDays, addMonths, businessDate, type BusinessDate } from '../../src/calendar/businessDate.js';
import { lprTable, type LprTable } from '../../src/loans/pricing/lprTable.js';

/** A date 2000-01-01 plus 0..9,000 days (into 2024). */
export const arbitraryLoanStart = (): fc.Arbitrary<BusinessDate> => fc.integer({ min: 0, max: 9_000 }).map((n) => addDays(businessDate('2000-01-01'), n));

/** A rate in percent with two decimals, 0.50..9.99 (as LPR fixings are quoted). */
export const arbitraryRatePercent = (): fc.Arbitrary<string> =>
  fc.integer({ min: 50, max: 999 }).map((n) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`);

/** A spread in whole basis points, -100..2000, as a string. */
export const arbitrarySpreadBps = (): fc.Arbitrary<string> => fc.integer({ min: -100, max: 2_000 }).map(String);

const arbitraryHistory = (): fc.Arbitrary<{ from: string; ratePercent: string }[]> =>
  fc.array(fc.tuple(fc.integer({ min: 1, max: 400 }), arbitraryRatePercent()), { minLength: 1, maxLength: 40 }).map((steps) => {
    let date = businessDate('1999-01-01');
    return steps.map(([gap, ratePercent]) => {
      date = addDays(date, gap);
      return { from: date, ratePercent };
    });
  });

/** Random LPR histories for both tenors, starting 1999 (before every {@link arbitraryLoanStart}). */
export const arbitraryLprTable = (): fc.Arbitrary<LprTable> =>
  fc.tuple(arbitraryHistory(), arbitraryHistory()).map(([one, five]) => lprTable({ LPR1Y: [{ from: '1999-01-01', ratePercent: '4.00' }, ...one.slice(1)], LPR5Y: [{ from: '1999-01-01', ratePercent: '4.50' }, ...five.slice(1)] }));

/** A contract: start, a term of 1..360 months, and the maturity start + term. */
export const arbitraryContractPeriod = (): fc.Arbitrary<{ start: BusinessDate; maturity: BusinessDate; months: number }> =>
  fc.tuple(arbitraryLoanStart(), fc.integer({ min: 1, max: 360 })).map(([start, months]) => ({ start, maturity: addMonths(start, months), months }));
