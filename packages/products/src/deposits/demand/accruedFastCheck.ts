/**
 * The fast check of `InterestAccrued` data, the event close of business writes for every account
 * every day: the same field checks as its closed io-ts codec (events.ts), written out flat. It
 * accepts only data that codec accepts unchanged, which `accruedFastCheck.properties.test.ts`
 * holds it to; anything else goes to the codec (codecs/fastPath.ts).
 */
import { DateText, DecimalText, DigitsText, IdText, PositiveDigitsText, Count, RoundingModeCodec } from '../../codecs/eventCodecs.js';
import { hasExactly } from '../../codecs/fastPath.js';
import { DAY_COUNTS } from '../../calendar/dayCount.js';

const ACCRUED_KEYS = Object.freeze(['contractId', 'from', 'through', 'segments', 'periodInterest', 'rounding', 'ledgerAmount']);
const SEGMENT_KEYS = Object.freeze(['from', 'to', 'days', 'balance', 'rate', 'dayCount', 'yearFraction', 'rawInterest']);
const RATIO_KEYS = Object.freeze(['num', 'den']);
const ROUNDING_KEYS = Object.freeze(['mode', 'raw', 'rounded']);

const isSegment = (u: unknown): boolean =>
  hasExactly(u, SEGMENT_KEYS) &&
  DateText.is(u['from']) &&
  DateText.is(u['to']) &&
  Count.is(u['days']) &&
  DecimalText.is(u['balance']) &&
  DecimalText.is(u['rate']) &&
  typeof u['dayCount'] === 'string' &&
  (DAY_COUNTS as readonly string[]).includes(u['dayCount']) &&
  typeof u['yearFraction'] === 'string' &&
  DecimalText.is(u['rawInterest']);

const isSegments = (u: unknown): boolean => {
  // An array with extra properties decodes to itself but encodes without them: left to the codec.
  if (!Array.isArray(u) || Object.getPrototypeOf(u) !== Array.prototype || Object.keys(u).length !== u.length) return false;
  for (let i = 0; i < u.length; i++) if (!isSegment(u[i])) return false;
  return true;
};

/** True only for `InterestAccrued` data its codec accepts and returns unchanged. */
export const isInterestAccruedData = (u: unknown): boolean => {
  if (!hasExactly(u, ACCRUED_KEYS)) return false;
  const ratio = u['periodInterest'];
  const rounding = u['rounding'];
  return (
    IdText.is(u['contractId']) &&
    DateText.is(u['from']) &&
    DateText.is(u['through']) &&
    isSegments(u['segments']) &&
    hasExactly(ratio, RATIO_KEYS) &&
    DigitsText.is(ratio['num']) &&
    PositiveDigitsText.is(ratio['den']) &&
    hasExactly(rounding, ROUNDING_KEYS) &&
    RoundingModeCodec.is(rounding['mode']) &&
    DecimalText.is(rounding['raw']) &&
    DecimalText.is(rounding['rounded']) &&
    DecimalText.is(u['ledgerAmount'])
  );
};
