/**
 * A hand-written fast path in front of an io-ts codec, for the hot product events (the ledger does
 * the same for `TransfersCommitted`, see its fastValidation.ts). `check` may only accept values the
 * codec decodes to an equal value and encodes to an equal value; those are taken as they are, and
 * everything else (including every invalid value, with its path-and-reason errors) goes to the
 * codec. Validation on write and on read stays complete; it only skips the combinator walk.
 */
import * as t from 'io-ts';

/** `codec` with `check` as its fast path (see the module comment; each check is property-tested against its codec). */
export const withFastPath = <A, O>(codec: t.Type<A, O, unknown>, check: (u: unknown) => boolean): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(
    codec.name,
    (u): u is A => check(u) || codec.is(u),
    (u, context) => (check(u) ? t.success(u as A) : codec.validate(u, context)),
    (a) => (check(a) ? (a as unknown as O) : codec.encode(a)),
  );

/** A plain object literal (no class instance, no array, no null prototype): what a closed codec decodes to. */
export const isPlainRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && Object.getPrototypeOf(u) === Object.prototype;

/**
 * A plain object whose enumerable own keys are exactly `keys` (so a closed codec with these
 * required fields and no optional one sees neither an unknown nor a missing field).
 */
export const hasExactly = (u: unknown, keys: readonly string[]): u is Readonly<Record<string, unknown>> => {
  if (!isPlainRecord(u)) return false;
  const own = Object.keys(u);
  if (own.length !== keys.length) return false;
  for (const key of own) if (!keys.includes(key)) return false;
  return true;
};
