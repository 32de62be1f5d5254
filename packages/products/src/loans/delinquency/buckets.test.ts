import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { DEFAULT_DELINQUENCY_BUCKETS, delinquencyBucketOf, delinquencyBuckets } from './buckets.js';

const codeOf = (input: unknown): string | undefined => errorCodeOf(() => delinquencyBuckets(input));

describe('delinquency buckets', () => {
  it('default buckets: boundaries at 1, 30, 31, 60, 61, 90, 91, 180, 181', () => {
    expect(delinquencyBuckets(DEFAULT_DELINQUENCY_BUCKETS)).toEqual(DEFAULT_DELINQUENCY_BUCKETS);
    const labels = [0, 1, 30, 31, 60, 61, 90, 91, 180, 181, 5000].map((d) => delinquencyBucketOf(d)?.label ?? null);
    expect(labels).toEqual([null, '1-30', '1-30', '31-60', '31-60', '61-90', '61-90', '91-180', '91-180', '181+', '181+']);
    expect(errorCodeOf(() => delinquencyBucketOf(-1))).toBe('count_invalid');
    expect(errorCodeOf(() => delinquencyBucketOf(1.5))).toBe('count_invalid');
  });

  it('overlapping or gapped ranges are refused with their own codes', () => {
    expect(codeOf([{ label: 'a', fromDay: 1, toDay: 30 }, { label: 'b', fromDay: 30 }])).toBe('delinquency_bucket_overlap');
    expect(codeOf([{ label: 'a', fromDay: 1 }, { label: 'b', fromDay: 31 }])).toBe('delinquency_bucket_overlap');
    expect(codeOf([{ label: 'a', fromDay: 1, toDay: 30 }, { label: 'b', fromDay: 32 }])).toBe('delinquency_bucket_gap');
    expect(codeOf([{ label: 'a', fromDay: 2 }])).toBe('delinquency_bucket_gap');
    expect(codeOf([{ label: 'a', fromDay: 1, toDay: 30 }])).toBe('delinquency_bucket_gap');
    expect(codeOf([{ label: 'a', fromDay: 1, toDay: 30 }, { label: 'a', fromDay: 31 }])).toBe('delinquency_buckets_invalid');
    expect(codeOf([{ label: 'a', fromDay: 10, toDay: 5 }])).toBe('delinquency_buckets_invalid');
    expect(codeOf([{ label: '', fromDay: 1 }])).toBe('delinquency_buckets_invalid');
    expect(codeOf([])).toBe('delinquency_buckets_invalid');
    expect(codeOf([{ label: 'a', fromDay: 0 }])).toBe('count_invalid');
    expect(codeOf([{ label: 'a', fromDay: 1, to: 3 }])).toBe('field_unknown');
  });

  it('property: in any accepted bucket set every day past due lies in exactly one bucket', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 2, max: 400 }), { maxLength: 8 }), fc.integer({ min: 1, max: 500 }), (cuts, day) => {
        const starts = [1, ...[...cuts].sort((a, b) => a - b)];
        const buckets = starts.map((fromDay, i) => (i + 1 < starts.length ? { label: `b${i}`, fromDay, toDay: starts[i + 1]! - 1 } : { label: `b${i}`, fromDay }));
        const checked = delinquencyBuckets(buckets);
        const holding = checked.filter((b) => day >= b.fromDay && (b.toDay === undefined || day <= b.toDay));
        expect(holding).toHaveLength(1);
        expect(delinquencyBucketOf(day, checked)).toBe(holding[0]);
      }),
    );
  });
});
