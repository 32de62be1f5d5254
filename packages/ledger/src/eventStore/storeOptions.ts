/**
 * Validation of the options adapters are opened with, so that they reject malformed options with
 * the same {@link InvalidArgumentError} messages.
 */
import { describeValue } from '../codecs/formatValidationErrors.js';
import { InvalidArgumentError } from './errors.js';

/** Throws unless `options` is an object (the store's options as a whole). */
export const assertOptionsObject = (options: unknown): void => {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('$.options', `expected an object, got ${describeValue(options)}`);
  }
};

/** An optional integer option of at least `min`; `undefined` when absent. @throws InvalidArgumentError at `path` otherwise. */
export const integerOption = (value: unknown, path: string, min: number): number | undefined => {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return value;
  throw new InvalidArgumentError(path, `expected an integer >= ${min}, got ${describeValue(value)}`);
};
