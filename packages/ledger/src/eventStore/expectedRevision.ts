/** The optimistic concurrency rules of {@link EventStore.append}, shared by every adapter. */
import type { ActualRevision, ExpectedRevision } from './eventStore.js';
import { WrongExpectedVersionError } from './errors.js';

/** True when a stream at `actual` satisfies `expected`. */
export const satisfiesExpectedRevision = (expected: ExpectedRevision, actual: ActualRevision): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
};

/** Throws {@link WrongExpectedVersionError} unless the stream at `actual` satisfies `expected`. */
export const assertExpectedRevision = (stream: string, expected: ExpectedRevision, actual: ActualRevision): void => {
  if (!satisfiesExpectedRevision(expected, actual)) throw new WrongExpectedVersionError(stream, expected, actual);
};

/** The stream's revision given how many events it holds: `'no_stream'` for none, else `count - 1`. */
export const revisionFromCount = (count: number | bigint): ActualRevision =>
  BigInt(count) === 0n ? 'no_stream' : BigInt(count) - 1n;
