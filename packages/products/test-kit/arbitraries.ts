/** fast-check arbitraries for the products tests: typechecked with the sources, never built. */
import fc from 'fast-check';
import { addDays, businessDate, type BusinessDate } from '../src/calendar/businessDate.js';

/** Any supported date: 1900-01-01 plus 0..109,572 days (to 2199-12-31). */
export const arbitraryDate = (): fc.Arbitrary<BusinessDate> => fc.integer({ min: 0, max: 109_572 }).map((n) => addDays(businessDate('1900-01-01'), n));
