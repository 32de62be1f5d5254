/**
 * Delinquency buckets as data (1–30, 31–60, 61–90, 91–180, 181+ days past due by default): checked
 * so that every day past due from 1 up falls in exactly one bucket.
 */
import { ProductsError, describeValue } from '../../errors.js';
import { integerOf } from '../../input/fields.js';
import { closedRecord, requiredString } from '../../interest/input.js';
import { MAX_DAYS_PAST_DUE, MAX_DELINQUENCY_BUCKETS } from '../../limits.js';

/** One bucket: days past due `fromDay..toDay` (both included); the last bucket has no `toDay`. */
export interface DelinquencyBucket {
  readonly label: string;
  readonly fromDay: number;
  readonly toDay?: number;
}

/** The default buckets (M1, M2, M3, then 91–180 and 181+ for the 90- and 180-day reports). */
export const DEFAULT_DELINQUENCY_BUCKETS: readonly DelinquencyBucket[] = Object.freeze([
  { label: '1-30', fromDay: 1, toDay: 30 },
  { label: '31-60', fromDay: 31, toDay: 60 },
  { label: '61-90', fromDay: 61, toDay: 90 },
  { label: '91-180', fromDay: 91, toDay: 180 },
  { label: '181+', fromDay: 181 },
]);

const BUCKET_FIELDS = ['label', 'fromDay', 'toDay'] as const;
const MAX_LABEL_LENGTH = 32;

const bucketOf = (value: unknown, i: number): DelinquencyBucket => {
  const record = closedRecord(value, BUCKET_FIELDS);
  const label = requiredString(record, 'label');
  if (label.length === 0 || label.length > MAX_LABEL_LENGTH) throw new ProductsError('delinquency_buckets_invalid', `label ${describeValue(label)}`, `buckets[${i}].label`);
  const fromDay = integerOf(record['fromDay'], `buckets[${i}].fromDay`, 1, MAX_DAYS_PAST_DUE);
  if (record['toDay'] === undefined) return { label, fromDay };
  const toDay = integerOf(record['toDay'], `buckets[${i}].toDay`, 1, MAX_DAYS_PAST_DUE);
  if (toDay < fromDay) throw new ProductsError('delinquency_buckets_invalid', `${label}: ${fromDay} to ${toDay}`, `buckets[${i}].toDay`);
  return { label, fromDay, toDay };
};

/**
 * Checked buckets, listed by their first day: the first starts at day 1, each next one the day after
 * the previous ends, the last has no end.
 * @throws ProductsError `delinquency_buckets_invalid`, `delinquency_bucket_overlap`,
 *   `delinquency_bucket_gap`, `count_invalid`, and the field codes.
 */
export function delinquencyBuckets(input: unknown): readonly DelinquencyBucket[] {
  if (!Array.isArray(input) || input.length === 0 || input.length > MAX_DELINQUENCY_BUCKETS) {
    throw new ProductsError('delinquency_buckets_invalid', describeValue(input), 'buckets');
  }
  const buckets = input.map(bucketOf);
  if (new Set(buckets.map((b) => b.label)).size !== buckets.length) throw new ProductsError('delinquency_buckets_invalid', 'a label is used twice', 'buckets');
  const first = buckets[0] as DelinquencyBucket;
  if (first.fromDay !== 1) throw new ProductsError('delinquency_bucket_gap', `days 1 to ${first.fromDay - 1} have no bucket`, 'buckets[0].fromDay');
  buckets.forEach((bucket, i) => {
    if (i === 0) return;
    const previous = buckets[i - 1] as DelinquencyBucket;
    // An open-ended bucket before the last covers every later day: whatever follows overlaps it.
    const previousEnd = previous.toDay ?? MAX_DAYS_PAST_DUE;
    if (bucket.fromDay <= previousEnd) throw new ProductsError('delinquency_bucket_overlap', `${previous.label} and ${bucket.label}`, `buckets[${i}].fromDay`);
    if (bucket.fromDay > previousEnd + 1) throw new ProductsError('delinquency_bucket_gap', `days ${previousEnd + 1} to ${bucket.fromDay - 1} have no bucket`, `buckets[${i}].fromDay`);
  });
  const last = buckets[buckets.length - 1] as DelinquencyBucket;
  if (last.toDay !== undefined) throw new ProductsError('delinquency_bucket_gap', `days after ${last.toDay} have no bucket`, `buckets[${buckets.length - 1}].toDay`);
  return Object.freeze(buckets.map((b) => Object.freeze(b)));
}

/**
 * The bucket `days` past due falls in, or null when the loan is not past due (0 days). `buckets`
 * must come from {@link delinquencyBuckets} (or be the default).
 * @throws ProductsError `count_invalid` for days that are not an integer 0..MAX_DAYS_PAST_DUE.
 */
export function delinquencyBucketOf(days: number, buckets: readonly DelinquencyBucket[] = DEFAULT_DELINQUENCY_BUCKETS): DelinquencyBucket | null {
  integerOf(days, 'daysPastDue', 0, MAX_DAYS_PAST_DUE);
  if (days === 0) return null;
  return buckets.find((b) => days >= b.fromDay && (b.toDay === undefined || days <= b.toDay)) ?? null;
}
