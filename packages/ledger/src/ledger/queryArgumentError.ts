/**
 * The typed error of a read-model query given an argument its type does not accept (a JavaScript
 * caller can pass anything): never a TypeError from deep inside, never a silently wrong answer.
 */
import { projectionErrorMessages } from '../errors.js';
import { ID_PATTERN } from '../limits.js';
import type { Instant } from '../projections/instant.js';

/** A query argument of the wrong type or out of range; nothing was read. */
export class QueryArgumentError extends Error {
  override readonly name = 'QueryArgumentError';
  readonly code = 'query_invalid' as const;

  constructor(
    /** The argument's name, e.g. `instant`, `accountId`, `page.limit`. */
    readonly argument: string,
    reason: string,
  ) {
    super(`${projectionErrorMessages.query_invalid}: ${argument} ${reason}`);
  }
}

/** True for a {@link QueryArgumentError}. */
export const isQueryArgumentError = (error: unknown): error is QueryArgumentError => error instanceof QueryArgumentError;

const describe = (value: unknown): string =>
  value === null ? 'null' : value instanceof Date ? 'an invalid Date' : typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 40))}` : `a ${typeof value}`;

/**
 * The nanoseconds of an instant given at run time: a bigint, or a valid `Date`. A number is
 * refused (milliseconds or nanoseconds? a silent factor of a million), and so is anything else.
 * @throws QueryArgumentError
 */
export const checkedNanosOf = (instant: Instant, argument = 'instant'): bigint => {
  const value: unknown = instant;
  // Any bigint: an instant before the book's first timestamp simply precedes everything.
  if (typeof value === 'bigint') return value;
  if (value instanceof Date) {
    const millis = value.getTime();
    if (!Number.isFinite(millis)) throw new QueryArgumentError(argument, 'is an invalid Date');
    return BigInt(millis) * 1_000_000n;
  }
  throw new QueryArgumentError(argument, `must be a bigint of nanoseconds or a Date, got ${describe(value)}`);
};

/**
 * An account id given at run time: a string (a well-formed id that names no account answers
 * `undefined`, as a lookup should; anything else is a caller's bug).
 * @throws QueryArgumentError
 */
export const checkedAccountId = (accountId: string, argument = 'accountId'): string => {
  const value: unknown = accountId;
  if (typeof value !== 'string') throw new QueryArgumentError(argument, `must be a string, got ${describe(value)}`);
  if (!ID_PATTERN.test(value)) throw new QueryArgumentError(argument, 'is not an id (1-128 characters of A-Z a-z 0-9 . _ : -)');
  return value;
};
