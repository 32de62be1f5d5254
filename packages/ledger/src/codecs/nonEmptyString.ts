import * as t from 'io-ts';

/** True for a string with at least one character. */
export const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** A string with at least one character. */
export const NonEmptyString: t.Type<string, string, unknown> = new t.Type<string, string, unknown>(
  'non-empty string',
  isNonEmptyString,
  (input, context) => (isNonEmptyString(input) ? t.success(input) : t.failure(input, context)),
  (value) => value,
);

