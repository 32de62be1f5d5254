/** io-ts building blocks for the demand-deposit event schemas. @internal */
import * as t from 'io-ts';
import { ROUNDING_MODES, type RoundingMode } from '@ecoledger/ledger';
import { businessDate } from '../../calendar/businessDate.js';
import { MAX_IDENTIFIER_LENGTH } from '../../limits.js';
import { isInstant } from './input.js';

const refined = (name: string, check: (value: string) => boolean): t.Type<string, string, unknown> =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && check(u),
    (u, c) => (typeof u === 'string' && check(u) ? t.success(u) : t.failure(u, c, `expected ${name}`)),
    t.identity,
  );

const isDate = (value: string): boolean => {
  try {
    businessDate(value);
    return true;
  } catch {
    return false;
  }
};

/** A non-negative canonical decimal string ("0", "12.50"). */
export const AmountText = refined('AmountText', (v) => /^(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(v) && v.length <= 200);
/** A `YYYY-MM-DD` business date. */
export const DateText = refined('DateText', isDate);
/** An ISO-8601 UTC instant. */
export const InstantText = refined('InstantText', isInstant);
/** An id or reference. */
export const IdText = refined('IdText', (v) => v.length > 0 && v.length <= MAX_IDENTIFIER_LENGTH && !/[\u0000-\u001f\u007f]/.test(v));
/** A non-negative integer as a digit string (exact ratio parts), at most 400 digits. */
export const DigitsText = refined('DigitsText', (v) => /^(0|[1-9][0-9]{0,399})$/.test(v));
/** A positive integer as a digit string. */
export const PositiveDigitsText = refined('PositiveDigitsText', (v) => /^[1-9][0-9]{0,399}$/.test(v));
/** A ledger rounding mode. */
export const RoundingModeCodec = t.keyof(Object.fromEntries(ROUNDING_MODES.map((m) => [m, null])) as Record<RoundingMode, null>);
/** A count of days. */
export const DayNumber = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'DayNumber');

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** An object codec that refuses unknown fields (events are closed: a stray field is corruption). */
export const closed = <R extends t.Props, O extends t.Props = Record<never, t.Mixed>>(
  name: string,
  required: R,
  optional?: O,
): t.Type<t.TypeOfProps<R> & t.TypeOfPartialProps<O>, t.OutputOfProps<R> & t.OutputOfPartialProps<O>, unknown> => {
  type A = t.TypeOfProps<R> & t.TypeOfPartialProps<O>;
  type Out = t.OutputOfProps<R> & t.OutputOfPartialProps<O>;
  const inner = t.intersection([t.type(required), t.partial(optional ?? ({} as O))]);
  const known = new Set([...Object.keys(required), ...Object.keys(optional ?? {})]);
  const onlyKnown = (u: unknown): boolean => isRecord(u) && Object.keys(u).every((key) => known.has(key));
  return new t.Type<A, Out, unknown>(
    name,
    (u): u is A => onlyKnown(u) && inner.is(u),
    (u, c) => {
      if (isRecord(u)) {
        const stray = Object.keys(u).find((key) => !known.has(key));
        if (stray !== undefined) return t.failure(u, t.appendContext(c, stray, t.never, u[stray]), 'unexpected field');
      }
      return inner.validate(u, c) as t.Validation<A>;
    },
    (a) => inner.encode(a) as Out,
  );
};
