/**
 * `@ecoledger/products`: banking products on the ecoledger ledger. This first slice holds the
 * pieces every product shares for interest: business dates, day-count conventions, and
 * explainable interest (every amount comes with the segments and the rounding it was made of).
 */
export { ProductsError, isProductsError, productsErrorMessages, type ProductsErrorCode } from './errors.js';
export { MAX_BUSINESS_DATE, MIN_BUSINESS_DATE, MAX_RATE_PERCENT, MAX_TERM_MONTHS, RATE_PERCENT_SCALE } from './limits.js';
export {
  businessDate,
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  isLeapYear,
  type BusinessDate,
} from './calendar/businessDate.js';
export {
  DAY_COUNTS,
  days30360,
  yearFraction,
  formatYearFraction,
  type DayCount,
  type YearFraction,
  type YearFractionTerm,
} from './calendar/dayCount.js';
export { accrue, type AccrueInput, type AccrualTrace, type InterestSegment, type RoundingStep } from './interest/accrue.js';
export {
  COMPOUNDINGS,
  quoteTermDeposit,
  type Compounding,
  type CompoundingSegment,
  type TermDepositQuote,
  type TermDepositQuoteInput,
} from './interest/termDeposit.js';
