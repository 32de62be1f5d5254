/** fast-check arbitraries for the time-deposit properties: placements and command sequences. */
import fc from 'fast-check';
import { addDays, businessDate, type BusinessDate } from '../../../src/calendar/businessDate.js';
import { MATURITY_INSTRUCTIONS } from '../../../src/deposits/time/commands.js';
import { placeCommand } from './timeDeposit.fixture.js';

/** Minor units as a CNY decimal string. */
export const cny = (minor: bigint): string => `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`;

/** A placement date from 2020-01-01 (the fixture's rates) to the end of 2035. */
export const arbitraryPlacedOn = (): fc.Arbitrary<BusinessDate> => fc.integer({ min: 0, max: 5_800 }).map((n) => addDays(businessDate('2020-01-01'), n));

/** A Place command of the fixture product: any offered term, instruction and principal from 50.00 to 100 million. */
export const arbitraryPlace = () =>
  fc.record({
    principal: fc.bigInt({ min: 5_000n, max: 10_000_000_000n }),
    termMonths: fc.constantFrom(3, 6, 12, 24, 36, 60),
    maturityInstruction: fc.constantFrom(...MATURITY_INSTRUCTIONS),
    placedOn: arbitraryPlacedOn(),
  }).map(({ principal, ...rest }) => placeCommand({ ...rest, principal: cny(principal) }));

/**
 * Commands after a placement, with dates as day offsets from it: accruals, early withdrawals
 * (whole or of an amount), maturity runs and withdrawals after maturity. Some are refused; the
 * properties skip those, as a command handler would record nothing.
 */
export const arbitraryFollowUps = (placedOnText: string) => {
  const placedOn = businessDate(placedOnText);
  return fc.array(
    fc.oneof(
      fc.integer({ min: 0, max: 2_000 }).map((d) => ({ type: 'AccrueInterest', through: addDays(placedOn, d) })),
      fc.tuple(fc.integer({ min: 0, max: 2_000 }), fc.option(fc.bigInt({ min: 1n, max: 10_000_000_000n }), { nil: undefined })).map(([d, amount]) => ({
        type: 'WithdrawEarly',
        on: addDays(placedOn, d),
        ...(amount === undefined ? {} : { amount: cny(amount) }),
      })),
      fc.integer({ min: 0, max: 2_200 }).map((d) => ({ type: 'Mature', on: addDays(placedOn, d) })),
      fc.integer({ min: 0, max: 2_400 }).map((d) => ({ type: 'WithdrawAfterMaturity', on: addDays(placedOn, d) })),
    ),
    { maxLength: 8 },
  );
};
