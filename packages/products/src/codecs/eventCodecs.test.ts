import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { Count, DateText, DecimalText, DigitsText, IdText, InstantText, PositiveDigitsText, RoundingModeCodec, closed } from './eventCodecs.js';
import { InterestSegmentCodec } from './interestCodecs.js';

const accepts = (codec: { decode: (u: unknown) => E.Either<unknown, unknown> }, value: unknown): boolean => E.isRight(codec.decode(value));

describe('product event codecs', () => {
  it('decimal text: canonical, non-negative, at most 200 characters', () => {
    for (const ok of ['0', '12.50', '1000000.000001', '9'.repeat(200)]) expect(accepts(DecimalText, ok), ok).toBe(true);
    for (const bad of ['-1', '-0', '1e3', '01', '.5', '+1', ' 1', 12, '9'.repeat(201)]) expect(accepts(DecimalText, bad), String(bad)).toBe(false);
  });

  it('ids, dates, instants and counts', () => {
    expect(accepts(IdText, '客户-1')).toBe(true);
    for (const bad of ['', 'a\u0000b', 'x'.repeat(129), 1]) expect(accepts(IdText, bad), JSON.stringify(bad)).toBe(false);
    expect(accepts(DateText, '2024-02-29')).toBe(true);
    for (const bad of ['2026-02-30', '1899-12-31', '2026-1-01']) expect(accepts(DateText, bad), bad).toBe(false);
    expect(accepts(InstantText, '2026-01-05T09:30:00.000Z')).toBe(true);
    for (const bad of ['2026-02-30T09:30:00Z', '2026-01-05T09:30:00+08:00']) expect(accepts(InstantText, bad), bad).toBe(false);
    expect(accepts(Count, 0)).toBe(true);
    for (const bad of [-1, 1.5, '3', Number.MAX_SAFE_INTEGER + 1]) expect(accepts(Count, bad), String(bad)).toBe(false);
  });

  it('digit strings of exact fractions and rounding modes', () => {
    expect(accepts(DigitsText, '0') && accepts(PositiveDigitsText, '365')).toBe(true);
    for (const bad of ['01', '-1', '1.0', '1'.repeat(401)]) expect(accepts(DigitsText, bad), bad).toBe(false);
    expect(accepts(PositiveDigitsText, '0')).toBe(false);
    expect(accepts(RoundingModeCodec, 'half-even')).toBe(true);
    expect(accepts(RoundingModeCodec, 'nearest')).toBe(false);
  });

  it('closed objects refuse unknown fields and drop absent optional ones', () => {
    const codec = closed('pair', { a: Count }, { b: Count });
    expect(codec.decode({ a: 1, b: undefined })).toEqual(E.right({ a: 1 }));
    expect(accepts(codec, { a: 1, c: 2 })).toBe(false);
    const segment = { from: '2026-01-01', to: '2026-01-31', days: 30, balance: '100.00', rate: '0.35', dayCount: 'ACT/360', yearFraction: '30/360', rawInterest: '0.0291666' };
    expect(InterestSegmentCodec.decode(segment)).toEqual(E.right(segment));
    expect(accepts(InterestSegmentCodec, { ...segment, dayCount: 'ACT/364' })).toBe(false);
  });
});
