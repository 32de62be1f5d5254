import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessDate } from '../calendar/businessDate.js';
import { DateText } from './eventCodecs.js';

const acceptedByBusinessDate = (u: string): boolean => {
  try {
    businessDate(u);
    return true;
  } catch {
    return false;
  }
};

// Near-dates: every position a digit, a dash or something else, so that shape, month, day and range all vary.
const nearDate = fc
  .tuple(fc.integer({ min: 1890, max: 2210 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const garbled = fc.tuple(nearDate, fc.nat(9), fc.constantFrom('a', '-', '/', ' ', '٣', '0', '9', '', '00')).map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1));

describe('DateText', () => {
  it('accepts exactly the strings businessDate accepts', () => {
    fc.assert(
      fc.property(fc.oneof(nearDate, garbled, fc.string({ maxLength: 12 })), (u) => {
        expect(DateText.is(u)).toBe(acceptedByBusinessDate(u));
      }),
      { numRuns: 20_000 },
    );
  });

  it('known answers', () => {
    for (const ok of ['2024-02-29', '1900-01-01', '2199-12-31', '2026-12-31']) expect(DateText.is(ok), ok).toBe(true);
    for (const bad of ['2023-02-29', '1900-02-29', '1899-12-31', '2200-01-01', '2026-04-31', '2026-00-10', '2026-01-00', '2026-1-01', '2026-01-01 ', 20260101]) expect(DateText.is(bad), String(bad)).toBe(false);
  });
});
