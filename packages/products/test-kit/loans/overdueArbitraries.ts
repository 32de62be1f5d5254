/** fast-check arbitraries for the loan waterfall, delinquency and classification tests. */
import fc from 'fast-check';
import { minorToDecimal } from '@ecoledger/ledger';
import { addDays, businessDate } from '../../src/calendar/businessDate.js';
import type { InstallmentDue } from '../../src/loans/waterfall/dues.js';
import { INSTALLMENT_STATUSES, LOAN_COMPONENTS, WATERFALL_MODES, type Waterfall } from '../../src/loans/waterfall/waterfall.js';

/** Minor units as a CNY decimal string. */
export const cny = (minor: bigint): string => minorToDecimal(minor, 2);

/** An amount 0..max fen, often 0 (components are often fully paid already). */
export const arbitraryOwedMinor = (max = 1_000_000n): fc.Arbitrary<bigint> =>
  fc.oneof({ weight: 1, arbitrary: fc.constant(0n) }, { weight: 3, arbitrary: fc.bigInt({ min: 0n, max }) });

/** 1..12 installments, oldest first: monthly due dates, statuses past-due, then due, then not-yet-due. */
export const arbitraryInstallments = (): fc.Arbitrary<InstallmentDue[]> =>
  fc
    .array(fc.tuple(arbitraryOwedMinor(), arbitraryOwedMinor(), arbitraryOwedMinor(), arbitraryOwedMinor()), { minLength: 1, maxLength: 12 })
    .chain((rows) =>
      fc.tuple(fc.constant(rows), fc.integer({ min: 0, max: rows.length }), fc.integer({ min: 0, max: rows.length })),
    )
    .map(([rows, a, b]) => {
      const [pastDue, due] = [Math.min(a, b), Math.max(a, b)];
      return rows.map(([penalty, fee, interest, principal], i): InstallmentDue => ({
        period: i + 1,
        dueDate: addDays(businessDate('2026-01-15'), 30 * i),
        status: i < pastDue ? 'past-due' : i < due ? 'due' : 'not-yet-due',
        penalty: cny(penalty),
        fee: cny(fee),
        interest: cny(interest),
        principal: cny(principal),
      }));
    });

/** Any valid waterfall: a component order, a mode, 1..3 statuses in their fixed order. */
export const arbitraryWaterfall = (): fc.Arbitrary<Waterfall> =>
  fc.record({
    order: fc.shuffledSubarray([...LOAN_COMPONENTS], { minLength: 4, maxLength: 4 }),
    mode: fc.constantFrom(...WATERFALL_MODES),
    statuses: fc.subarray([...INSTALLMENT_STATUSES], { minLength: 1 }),
  });
