import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dateParts, daysBetween } from '../../calendar/businessDate.js';
import { arbitraryContractPeriod, arbitraryLprTable, arbitrarySpreadBps } from '../../../test-kit/loans/pricingArbitraries.js';
import { lprOn } from './lprTable.js';
import { priceRate } from './priceRate.js';
import { loanRateOn, repricingSchedule, resetDates, type LoanReset } from './repricing.js';

const arbitraryReset = (): fc.Arbitrary<LoanReset> =>
  fc.constantFrom<LoanReset>({ frequency: 'none' }, { frequency: 'annual', on: 'anniversary' }, { frequency: 'annual', on: 'jan1' });

describe('re-pricing properties', () => {
  it('reset dates are strictly increasing, strictly inside the contract, and of the right kind', () => {
    fc.assert(
      fc.property(arbitraryContractPeriod(), arbitraryReset(), ({ start, maturity }, reset) => {
        const dates = resetDates(start, maturity, reset);
        dates.forEach((date, i) => {
          expect(date > start && date < maturity).toBe(true);
          if (i > 0) expect(date > dates[i - 1]!).toBe(true);
          if (reset.frequency === 'annual' && reset.on === 'anniversary') expect(date).toBe(addMonths(start, 12 * (i + 1)));
          if (reset.frequency === 'annual' && reset.on === 'jan1') expect(date.slice(5)).toBe('01-01');
        });
        if (reset.frequency === 'none') expect(dates).toEqual([]);
        if (reset.frequency === 'annual' && reset.on === 'jan1') {
          // One 1 January for each year after the start's, up to the maturity's (if before it).
          const expected = dateParts(maturity).year - dateParts(start).year - (maturity.slice(5) === '01-01' ? 1 : 0);
          expect(dates.length).toBe(expected);
        }
      }),
    );
  });

  it('the contract rate on any day is the spread over the LPR in force on the last pricing date', () => {
    fc.assert(
      fc.property(arbitraryLprTable(), arbitraryContractPeriod(), arbitrarySpreadBps(), arbitraryReset(), fc.nat(), (lpr, { start, maturity }, spreadBps, reset, pick) => {
        const benchmark = pick % 2 === 0 ? 'LPR1Y' : 'LPR5Y';
        let schedule;
        try {
          schedule = repricingSchedule(lpr, { start, maturity, benchmark, spreadBps, reset });
        } catch (error) {
          // A negative spread may take a low LPR below zero: then nothing is priced at all.
          expect((error as { code?: unknown }).code).toBe('rate_out_of_range');
          fc.pre(false);
          return;
        }
        const pricingDates = [start, ...resetDates(start, maturity, reset)];
        // The rate changes only on the start and on reset dates.
        for (const entry of schedule) expect(pricingDates).toContain(entry.from);
        const day = addDays(start, pick % (daysBetween(start, maturity) + 1));
        const lastPricing = pricingDates.filter((date) => date <= day).at(-1)!;
        expect(loanRateOn(schedule, day)).toBe(priceRate(lprOn(lpr, benchmark, lastPricing), spreadBps));
      }),
    );
  });
});
