/**
 * When a deposit's interest is settled (结息), as product data. The People's Bank of China rule
 * for personal demand deposits is quarterly settlement on the 20th of the quarter's last month
 * (March, June, September, December); some products settle monthly.
 *
 * Convention (the PBoC settlement convention, `day-after-previous-through-posting-date`): the
 * interest posted on a posting date is computed for the period from the day after the previous
 * posting date through the posting date, both days included (21 December to 20 March for the
 * quarterly 20th), and is credited to the customer with value date the next day (the 21st), which
 * is also the first day of the next period. As a half-open range for `yearFraction` that period is
 * `[from, to + 1 day)`. Posting dates are calendar dates: interest accrues by calendar day, so a
 * posting date on a holiday or weekend is not moved (the settlement batch runs that night).
 */
import { ProductsError, describeValue } from '../errors.js';
import { closedRecord } from '../interest/input.js';
import { MAX_POSTING_DAY } from '../limits.js';
import { addDays, businessDate, dateParts, type BusinessDate } from './businessDate.js';

/** How often interest is posted. */
export type PostingFrequency = 'quarterly' | 'monthly';

/** The posting frequencies, for validation. */
export const POSTING_FREQUENCIES: readonly PostingFrequency[] = Object.freeze(['quarterly', 'monthly']);

/** A checked posting schedule: the `day` (1..28) of each posting month. */
export interface InterestPostingSchedule {
  readonly frequency: PostingFrequency;
  readonly day: number;
}

/** What {@link interestPostingSchedule} takes; `day` defaults to 20. */
export interface InterestPostingScheduleInput {
  readonly frequency: PostingFrequency;
  readonly day?: number;
}

/** The posting period of a date: `from` and `to` both included; `to` is the posting date. */
export interface PostingPeriod {
  readonly from: BusinessDate;
  readonly to: BusinessDate;
}

/**
 * Checks a posting schedule. @throws ProductsError `input_not_object`, `field_unknown`,
 * `posting_schedule_invalid` (frequency not quarterly or monthly, day not an integer 1..28).
 */
export function interestPostingSchedule(input: InterestPostingScheduleInput): InterestPostingSchedule {
  const record = closedRecord(input, ['frequency', 'day']);
  const { frequency } = record;
  if (typeof frequency !== 'string' || !(POSTING_FREQUENCIES as readonly string[]).includes(frequency)) {
    throw new ProductsError('posting_schedule_invalid', describeValue(frequency), 'frequency');
  }
  const day = record.day ?? 20;
  // Day 28 exists in every month: a later day would need a month-end rule, and no deposit uses one.
  if (typeof day !== 'number' || !Number.isInteger(day) || day < 1 || day > MAX_POSTING_DAY) {
    throw new ProductsError('posting_schedule_invalid', describeValue(day), 'day');
  }
  return Object.freeze({ frequency: frequency as PostingFrequency, day });
}

/** The PBoC rule for personal demand deposits: quarterly, on the 20th. */
export const PBOC_QUARTERLY_POSTING: InterestPostingSchedule = interestPostingSchedule({ frequency: 'quarterly' });

const isPostingMonth = (schedule: InterestPostingSchedule, month: number): boolean => schedule.frequency === 'monthly' || month % 3 === 0;

// Month index: year * 12 + (month - 1), so that stepping across year ends is integer arithmetic.
const postingDateIn = (schedule: InterestPostingSchedule, index: number): BusinessDate => {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return businessDate(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(schedule.day).padStart(2, '0')}`);
};

/** True when interest is posted on `date`. @throws ProductsError `posting_schedule_invalid`, `date_invalid`. */
export function isInterestPostingDate(schedule: InterestPostingSchedule, date: BusinessDate): boolean {
  const checked = interestPostingSchedule(schedule);
  const { month, day } = dateParts(businessDate(date));
  return day === checked.day && isPostingMonth(checked, month);
}

/**
 * The first posting date strictly after `after`. @throws ProductsError `posting_schedule_invalid`,
 * `date_invalid` (also when it would pass 2199-12-31).
 */
export function nextInterestPostingDate(schedule: InterestPostingSchedule, after: BusinessDate): BusinessDate {
  const checked = interestPostingSchedule(schedule);
  const { year, month, day } = dateParts(businessDate(after, 'after'));
  let index = year * 12 + month - 1 + (day < checked.day ? 0 : 1);
  while (!isPostingMonth(checked, (index % 12) + 1)) index += 1;
  return postingDateIn(checked, index);
}

/**
 * The last posting date strictly before `before`. @throws ProductsError `posting_schedule_invalid`,
 * `date_invalid` (also when it would precede 1900-01-01).
 */
export function previousInterestPostingDate(schedule: InterestPostingSchedule, before: BusinessDate): BusinessDate {
  const checked = interestPostingSchedule(schedule);
  const { year, month, day } = dateParts(businessDate(before, 'before'));
  let index = year * 12 + month - 1 - (day > checked.day ? 0 : 1);
  while (!isPostingMonth(checked, (index % 12) + 1)) index -= 1;
  return postingDateIn(checked, index);
}

/**
 * The posting period `date` falls in: through the first posting date on or after `date`, from the
 * day after the posting date before that. Consecutive periods tile the calendar.
 * @throws ProductsError `posting_schedule_invalid`, `date_invalid` (a period reaching outside
 * 1900-01-01..2199-12-31).
 */
export function postingPeriodOf(schedule: InterestPostingSchedule, date: BusinessDate): PostingPeriod {
  const to = isInterestPostingDate(schedule, date) ? date : nextInterestPostingDate(schedule, date);
  return Object.freeze({ from: addDays(previousInterestPostingDate(schedule, to), 1), to });
}
