/**
 * What PostgreSQL `text` can hold, and how batches travel as array parameters.
 *
 * `text` cannot contain U+0000, and the driver sends strings as UTF-8, which turns a lone UTF-16
 * surrogate into U+FFFD: a stream name or event type with either would be refused by the server or
 * silently stored as a different string, so the adapter rejects them up front. (Event data and
 * metadata are unaffected: they are stored as JSON text, where such characters are `\u` escapes.)
 */
import { InvalidArgumentError } from '../errors.js';

const notStorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Throws `invalid_argument` at `path` unless PostgreSQL `text` stores `value` unchanged. */
export const assertStorableText = (value: string, path: string): void => {
  if (notStorable.test(value)) {
    throw new InvalidArgumentError(path, 'PostgreSQL text cannot store U+0000 or an unpaired surrogate');
  }
};

/** Largest value of a PostgreSQL `bigint`: bounds beyond it are clamped before binding. */
const maxInt64 = (1n << 63n) - 1n;

/** `value` clamped to the `bigint` range, as a parameter. */
export const int64Param = (value: bigint): string => String(value > maxInt64 ? maxInt64 : value);

/**
 * A PostgreSQL array literal of strings (`{"a","b\"c"}`), to bind as one `text[]` parameter:
 * a whole batch goes to the server in one statement whatever its size.
 */
export const textArrayLiteral = (values: readonly string[]): string => {
  const items = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    items[i] = `"${(values[i] as string).replace(/[\\"]/g, '\\$&')}"`;
  }
  return `{${items.join(',')}}`;
};
