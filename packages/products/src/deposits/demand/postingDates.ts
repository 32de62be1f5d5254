/**
 * When a demand account is credited its interest. Chinese banks settle demand interest quarterly
 * on the 20th of March, June, September and December; some products settle monthly. Interest for
 * the period up to and including the posting date is credited on that date. (The business calendar
 * will own this rule; until then it lives with the only product that needs it.)
 */
import { dateParts, type BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError, describeValue } from '../../errors.js';
import { closedRecord } from '../../interest/input.js';
import { choiceOf } from './input.js';

/** How often interest is credited. */
export type PostingFrequency = 'quarterly' | 'monthly';

/** The posting frequencies, for validation. */
export const POSTING_FREQUENCIES: readonly PostingFrequency[] = Object.freeze(['quarterly', 'monthly']);

/** Interest is credited on `day` (1..28, so every month has it) of each month or each quarter's last month. */
export interface PostingSchedule {
  readonly frequency: PostingFrequency;
  readonly day: number;
}

/** The usual Chinese demand schedule: the 20th of Mar/Jun/Sep/Dec. */
export const QUARTERLY_ON_THE_20TH: PostingSchedule = Object.freeze({ frequency: 'quarterly', day: 20 });

/**
 * Checks an untyped posting schedule (`day` is a count: an integer 1..28).
 * @throws ProductsError `input_not_object`, `field_unknown`, `posting_frequency_unknown`, `posting_day_invalid`.
 */
export function postingScheduleOf(input: unknown): PostingSchedule {
  const record = closedRecord(input, ['frequency', 'day']);
  const frequency = choiceOf(record, 'frequency', POSTING_FREQUENCIES, 'posting_frequency_unknown');
  const day = record['day'];
  if (typeof day !== 'number' || !Number.isInteger(day) || day < 1 || day > 28) {
    throw new ProductsError('posting_day_invalid', describeValue(day), 'postingSchedule.day');
  }
  return Object.freeze({ frequency, day });
}

/** True when `date` is an interest posting date of the schedule. */
export function isInterestPostingDate(schedule: PostingSchedule, date: BusinessDate): boolean {
  const { month, day } = dateParts(date);
  if (day !== schedule.day) return false;
  return schedule.frequency === 'monthly' || month % 3 === 0;
}
