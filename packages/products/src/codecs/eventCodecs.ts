/**
 * The io-ts building blocks of the products' event schemas (demand and time deposits). Closed
 * objects, decimal strings and instants are the ledger's own codecs, so that product events refuse
 * unknown fields and spell amounts and instants exactly as ledger events do; the rest are the
 * products' own scalars (business dates, counts, ids, exact fractions).
 */
import { ROUNDING_MODES, codecs, type RoundingMode } from '@ecoledger/ledger';
import * as t from 'io-ts';
import { daysInMonth, type BusinessDate } from '../calendar/businessDate.js';
import { MAX_BUSINESS_DATE, MAX_IDENTIFIER_LENGTH, MIN_BUSINESS_DATE } from '../limits.js';

/** What a {@link closed} codec decodes to (named here so that product event types can be declared). */
export type ClosedOf<Required extends t.Props, Optional extends t.Props> = codecs.ClosedStructOf<Required, Optional>;
/** What a {@link closed} codec encodes to. */
export type ClosedOutputOf<Required extends t.Props, Optional extends t.Props> = codecs.ClosedStructOutput<Required, Optional>;

/** An object with exactly these required and optional fields; any other field fails decoding (the ledger's `closedStruct`). */
export const closed = <Required extends t.Props, Optional extends t.Props = Record<never, t.Mixed>>(
  name: string,
  required: Required,
  optional?: Optional,
): t.Type<ClosedOf<Required, Optional>, ClosedOutputOf<Required, Optional>, unknown> => codecs.closedStruct(name, required, optional);

/** An ISO-8601 UTC instant naming a real calendar time. */
export const InstantText = codecs.IsoInstant;

/** A string codec of the strings `check` accepts; encodes as itself. */
const refinedString = (name: string, check: (value: string) => boolean): t.Type<string, string, unknown> =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && check(u),
    (u, context) => (typeof u === 'string' && check(u) ? t.success(u) : t.failure(u, context)),
    (a) => a,
  );

// Longest decimal text in an event: exact raw interest has many places, but never hundreds.
const MAX_EVENT_DECIMAL_LENGTH = 200;

/** A canonical non-negative decimal string ("0", "175.00", "9.5890410958…"): amounts, rates, raw figures. */
export const DecimalText = refinedString(
  'non-negative decimal string',
  (v) => v.length <= MAX_EVENT_DECIMAL_LENGTH && !v.startsWith('-') && codecs.DecimalString.is(v),
);

// Control characters in ids break logs and keys; ids are checked the same way on input (input/fields.ts).
const CONTROL = /[\u0000-\u001f\u007f]/;

/** An id or reference: 1..MAX_IDENTIFIER_LENGTH characters, no control characters. */
export const IdText = refinedString('identifier', (v) => v.length > 0 && v.length <= MAX_IDENTIFIER_LENGTH && !CONTROL.test(v));

/** A non-negative integer as a digit string (a numerator of an exact fraction), at most 400 digits. */
export const DigitsText = refinedString('digit string', (v) => /^(0|[1-9][0-9]{0,399})$/.test(v));

/** A positive integer as a digit string (a denominator of an exact fraction), at most 400 digits. */
export const PositiveDigitsText = refinedString('positive digit string', (v) => /^[1-9][0-9]{0,399}$/.test(v));

const ZERO = 48;
const digitAt = (text: string, index: number): number => {
  const code = text.charCodeAt(index) - ZERO;
  return code >= 0 && code <= 9 ? code : -1;
};

/**
 * What `businessDate` accepts, without its regular expression and thrown errors: every event
 * carries several dates, and this check runs on every write and read (property-tested equal).
 */
const isBusinessDate = (u: unknown): u is BusinessDate => {
  if (typeof u !== 'string' || u.length !== 10 || u.charCodeAt(4) !== 45 || u.charCodeAt(7) !== 45) return false;
  const y0 = digitAt(u, 0), y1 = digitAt(u, 1), y2 = digitAt(u, 2), y3 = digitAt(u, 3);
  const m0 = digitAt(u, 5), m1 = digitAt(u, 6), d0 = digitAt(u, 8), d1 = digitAt(u, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return false;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && u >= MIN_BUSINESS_DATE && u <= MAX_BUSINESS_DATE;
};

/** A `YYYY-MM-DD` business date (1900-01-01..2199-12-31). */
export const DateText = new t.Type<BusinessDate, string, unknown>(
  'business date',
  isBusinessDate,
  (u, context) => (isBusinessDate(u) ? t.success(u) : t.failure(u, context)),
  (a) => a,
);

const isCount = (u: unknown): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0;

/** A non-negative integer count (days, months, a term number): never money. */
export const Count = new t.Type<number, number, unknown>('count', isCount, (u, context) => (isCount(u) ? t.success(u) : t.failure(u, context)), (a) => a);

/** One of a fixed set of names. */
export const oneOfCodec = <T extends string>(name: string, values: readonly T[]): t.Type<T, string, unknown> =>
  new t.Type<T, string, unknown>(
    name,
    (u): u is T => typeof u === 'string' && (values as readonly string[]).includes(u),
    (u, context) => (typeof u === 'string' && (values as readonly string[]).includes(u) ? t.success(u as T) : t.failure(u, context)),
    (a) => a,
  );

/** A ledger rounding mode. */
export const RoundingModeCodec = oneOfCodec<RoundingMode>('rounding mode', ROUNDING_MODES);
