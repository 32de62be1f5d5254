/**
 * Codecs of the explanation every interest event carries (interest/accrue.ts): the segments the
 * interest was computed from and its one rounding step. Demand and time deposits store them alike.
 */
import { DAY_COUNTS, type DayCount } from '../calendar/dayCount.js';
import { DateText, Count, DecimalText, RoundingModeCodec, closed, oneOfCodec } from './eventCodecs.js';
import * as t from 'io-ts';

/** One stretch of constant balance and rate (the `InterestSegment` of interest/accrue.ts). */
export const InterestSegmentCodec = closed('interest segment', {
  from: DateText,
  to: DateText,
  days: Count,
  balance: DecimalText,
  rate: DecimalText,
  dayCount: oneOfCodec<DayCount>('day count', DAY_COUNTS),
  // An exact fraction as text ("90/365", "11/365+80/366"): shown, never computed with.
  yearFraction: t.string,
  rawInterest: DecimalText,
});

/** The one rounding step (the `RoundingStep` of interest/accrue.ts). */
export const RoundingStepCodec = closed('rounding step', { mode: RoundingModeCodec, raw: DecimalText, rounded: DecimalText });
