/**
 * The io-ts building blocks of the time-deposit event schemas: closed objects (unknown fields are
 * refused, not stripped), canonical non-negative decimal strings, business dates and counts.
 * The ledger has equivalents (`closedStruct`, `DecimalString`) but does not export them; these
 * are the few lines the products package needs.
 */
import * as t from 'io-ts';
import { businessDate, type BusinessDate } from '../../calendar/businessDate.js';
import { isProductsError } from '../../errors.js';

type Props = Record<string, t.Mixed>;
type Decoded<P extends Props> = { readonly [K in keyof P]: t.TypeOf<P[K]> };
type PartialDecoded<P extends Props> = { readonly [K in keyof P]?: t.TypeOf<P[K]> };

/** An object with exactly these required and optional fields; any other field fails decoding. */
export const closed = <R extends Props, O extends Props = Record<never, t.Mixed>>(
  name: string,
  required: R,
  optional?: O,
): t.Type<Decoded<R> & PartialDecoded<O>, unknown, unknown> => {
  const inner = optional === undefined ? t.type(required) : t.intersection([t.type(required), t.partial(optional)]);
  const known = new Set([...Object.keys(required), ...Object.keys(optional ?? {})]);
  return new t.Type<Decoded<R> & PartialDecoded<O>, unknown, unknown>(
    name,
    (u): u is Decoded<R> & PartialDecoded<O> => inner.is(u) && Object.keys(u as object).every((key) => known.has(key)),
    (u, context) => {
      if (typeof u === 'object' && u !== null && !Array.isArray(u)) {
        const unknownKey = Object.keys(u).find((key) => !known.has(key));
        if (unknownKey !== undefined) return t.failure(u, t.appendContext(context, unknownKey, t.never, (u as Record<string, unknown>)[unknownKey]), 'unexpected field');
      }
      return inner.validate(u, context) as t.Validation<Decoded<R> & PartialDecoded<O>>;
    },
    (a) => inner.encode(a as never),
  );
};

const CANONICAL_AMOUNT = /^(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

/** A canonical non-negative decimal string ("0", "175.00", "9.5890410958…"): amounts, rates, raw figures. */
export const Amount = new t.Type<string, string, unknown>(
  'non-negative decimal string',
  (u): u is string => typeof u === 'string' && u.length <= 200 && CANONICAL_AMOUNT.test(u),
  (u, context) => (typeof u === 'string' && u.length <= 200 && CANONICAL_AMOUNT.test(u) ? t.success(u) : t.failure(u, context)),
  (a) => a,
);

const isBusinessDate = (u: unknown): u is BusinessDate => {
  if (typeof u !== 'string') return false;
  try {
    businessDate(u);
    return true;
  } catch (error) {
    if (isProductsError(error)) return false;
    throw error;
  }
};

/** A `YYYY-MM-DD` business date (1900-01-01..2199-12-31). */
export const DateCodec = new t.Type<BusinessDate, string, unknown>(
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
