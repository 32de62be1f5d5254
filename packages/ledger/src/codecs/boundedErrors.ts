/**
 * A bounded collector of io-ts errors. A request can carry any number of invalid fields (100,000
 * unknown flags, say); validating it must neither overflow the stack (no `push(...errors)`) nor
 * hold or render every error. The collector keeps the first {@link MAX_COLLECTED_ERRORS} and
 * counts the rest; the count travels as one marker error that {@link validationIssues} adds to
 * its "and N more issues" line.
 */
import type * as t from 'io-ts';
import { MAX_COLLECTED_ERRORS } from '../limits.js';

/** Most errors one struct keeps; the rest are counted. */
export { MAX_COLLECTED_ERRORS };

/** Message of the marker error whose `value` is the number of errors left out. */
export const OMITTED_ERRORS = '\u0000omitted errors';

/** Whether an io-ts error is the marker of left-out errors; returns how many. */
export const omittedCount = (error: t.ValidationError): number | undefined =>
  error.message === OMITTED_ERRORS && typeof error.value === 'number' ? error.value : undefined;

/** See the module comment. */
export class BoundedErrors {
  private readonly kept: t.ValidationError[] = [];
  private omitted = 0;

  /** `context`: where the marker error points (the struct being validated). */
  constructor(private readonly context: t.Context) {}

  /** Adds one error (a marker from a nested collector adds its count). */
  add(error: t.ValidationError): void {
    const nested = omittedCount(error);
    if (nested !== undefined) this.omitted += nested;
    else if (this.kept.length < MAX_COLLECTED_ERRORS) this.kept.push(error);
    else this.omitted++;
  }

  /** Adds errors one by one, iteratively. */
  addAll(errors: readonly t.ValidationError[]): void {
    for (let i = 0; i < errors.length; i++) this.add(errors[i]!);
  }

  /** Whether nothing was added. */
  get isEmpty(): boolean {
    return this.kept.length === 0 && this.omitted === 0;
  }

  /** The kept errors, then the marker when some were left out. */
  toErrors(): t.Errors {
    if (this.omitted === 0) return this.kept;
    return [...this.kept, { value: this.omitted, context: this.context, message: OMITTED_ERRORS }];
  }
}
