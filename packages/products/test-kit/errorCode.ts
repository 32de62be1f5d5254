/** The ProductsError code a call throws, for tests; undefined when it does not throw. */
import { expect } from 'vitest';
import { isProductsError } from '../src/errors.js';

/** Runs `run` and returns the code of the ProductsError it throws (any other error fails the test). */
export const errorCodeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(isProductsError(error), String(error)).toBe(true);
    return (error as { code: string }).code;
  }
};
