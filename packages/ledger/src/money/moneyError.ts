import * as E from 'fp-ts/lib/Either.js';
import { moneyErrorMessages, type MoneyErrorCode } from '../errors.js';

export type { MoneyErrorCode };

/**
 * The one error type of the money module. `code` is stable and machine-readable;
 * the message is the code's table entry, followed by `detail` when given.
 */
export class MoneyError extends Error {
  readonly code: MoneyErrorCode;
  // `declare`: no class-field emit, so the property is absent (not undefined) without detail.
  declare readonly detail?: string;

  constructor(code: MoneyErrorCode, detail?: string) {
    const base = moneyErrorMessages[code];
    super(detail === undefined ? base : `${base}: ${detail}`);
    this.name = 'MoneyError';
    this.code = code;
    if (detail !== undefined) this.detail = detail;
  }
}

/** True when `u` is a {@link MoneyError}. */
export const isMoneyError = (u: unknown): u is MoneyError => u instanceof MoneyError;

/**
 * Runs a throwing money operation and returns its outcome as an Either.
 * Only MoneyError becomes Left; anything else is a bug and is rethrown.
 * @internal
 */
export function attempt<A>(f: () => A): E.Either<MoneyError, A> {
  try {
    return E.right(f());
  } catch (e) {
    if (e instanceof MoneyError) return E.left(e);
    throw e;
  }
}

/** Short, safe rendering of an untrusted value for error details. @internal */
export function describe(value: unknown): string {
  let s: string;
  switch (typeof value) {
    case 'string':
      s = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
      break;
    case 'bigint':
      s = `${value}n`;
      break;
    case 'number':
    case 'boolean':
    case 'undefined':
      s = String(value);
      break;
    default:
      s = value === null ? 'null' : typeof value;
  }
  return s;
}
