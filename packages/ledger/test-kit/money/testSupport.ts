import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import type { MoneyErrorCode } from '../../src/errors.js';
import { MoneyError } from '../../src/money/moneyError.js';

// Test-only helpers for the money tests (not exported from the package).

/** Runs `f`, expects it to throw a MoneyError with `code`, and returns that error. */
export function expectMoneyError(f: () => unknown, code: MoneyErrorCode): MoneyError {
  let thrown: unknown;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(MoneyError);
  expect((thrown as MoneyError).code).toBe(code);
  return thrown as MoneyError;
}

/** Expects a Left holding a MoneyError with `code`, and returns that error. */
export function expectLeft<A>(result: E.Either<MoneyError, A>, code: MoneyErrorCode): MoneyError {
  if (E.isRight(result)) throw new Error(`expected Left ${code}, got Right`);
  expect(result.left).toBeInstanceOf(MoneyError);
  expect(result.left.code).toBe(code);
  return result.left;
}

/** The Right value, failing the test on Left. */
export function expectRight<A>(result: E.Either<MoneyError, A>): A {
  if (E.isLeft(result)) throw new Error(`expected Right, got ${result.left.message}`);
  return result.right;
}
