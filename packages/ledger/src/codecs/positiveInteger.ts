import * as t from 'io-ts';

/** An integer from 1 to 2^53 - 1: event schema versions. */
export const PositiveInteger: t.Type<number, number, unknown> = new t.Type<number, number, unknown>(
  'positive integer',
  (value): value is number => Number.isSafeInteger(value) && (value as number) >= 1,
  (input, context) =>
    Number.isSafeInteger(input) && (input as number) >= 1 ? t.success(input as number) : t.failure(input, context),
  (value) => value,
);
