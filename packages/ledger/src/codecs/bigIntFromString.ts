import * as t from 'io-ts';

const canonicalInteger = /^-?(?:0|[1-9][0-9]*)$/;

/**
 * A bigint carried in JSON as a canonical integer string (`"42"`, `"-7"`; no `-0`, `+` or leading zeros).
 * Used for positions, revisions and minor-unit amounts.
 */
export const BigIntFromString: t.Type<bigint, string, unknown> = new t.Type<bigint, string, unknown>(
  'bigint string',
  (value): value is bigint => typeof value === 'bigint',
  (input, context) =>
    typeof input === 'string' && canonicalInteger.test(input) && input !== '-0'
      ? t.success(BigInt(input))
      : t.failure(input, context),
  (value) => value.toString(),
);
