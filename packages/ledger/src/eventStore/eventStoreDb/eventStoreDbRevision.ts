/**
 * Expected and actual stream revisions between our port and the EventStoreDB client, and the
 * mapping of the client's append failures to our typed errors.
 */
import type { AppendExpectedRevision } from '@eventstore/db-client';
import { ANY, ErrorType, NO_STREAM, STREAM_EXISTS } from './eventStoreDbClient.js';
import type { ActualRevision, ExpectedRevision } from '../eventStore.js';
import { InvalidArgumentError, WrongExpectedVersionError } from '../errors.js';
import { eventStoreDbNoPosition } from './eventStoreDbPosition.js';

/** Our expected revision as the client's: `'no_stream'` → `NO_STREAM`, `'stream_exists'` → `STREAM_EXISTS`, `'any'` → `ANY`, a bigint → itself. */
export const toClientExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return expected;
  }
};

/**
 * The actual revision the client reports in a wrong-expected-version failure, as ours.
 * A missing stream arrives as `'no_stream'` (the server's `current_no_stream`), as `-1n` (the
 * client's non-throwing mode) or as `2^64 - 1` (`StreamRevision.End`, the server's internal
 * "no stream" sent as a revision by some batch-append versions): all three are `'no_stream'`.
 */
export const toActualRevision = (actual: unknown): ActualRevision => {
  if (actual === NO_STREAM || actual === undefined || actual === null) return 'no_stream';
  if (typeof actual === 'bigint') return actual < 0n || actual >= eventStoreDbNoPosition ? 'no_stream' : actual;
  if (typeof actual === 'number' && Number.isSafeInteger(actual)) return actual < 0 ? 'no_stream' : BigInt(actual);
  return 'no_stream';
};

/** The client error's `type` (its classes may be duplicated across module copies, so no `instanceof`). */
const clientErrorType = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as { readonly type?: unknown }).type : undefined;

/** True for the client's `WrongExpectedVersionError`. */
export const isClientWrongExpectedVersion = (error: unknown): error is { readonly actualVersion: unknown } =>
  clientErrorType(error) === ErrorType.WRONG_EXPECTED_VERSION;

/** True for the client's `StreamNotFoundError` (reading a stream that does not exist). */
export const isClientStreamNotFound = (error: unknown): boolean => clientErrorType(error) === ErrorType.STREAM_NOT_FOUND;

/** True for the client's `UnknownError`: the server could not serve the request as asked. */
export const isClientUnknownError = (error: unknown): boolean => clientErrorType(error) === ErrorType.UNKNOWN;

/**
 * Our typed error for a failed append, or `undefined` when `error` is not one we map:
 * wrong expected version → {@link WrongExpectedVersionError}; a batch over the server's maximum
 * append size → {@link InvalidArgumentError} at `$.events` (nothing was written either way).
 */
export const toAppendError = (error: unknown, stream: string, expected: ExpectedRevision): Error | undefined => {
  if (isClientWrongExpectedVersion(error)) return new WrongExpectedVersionError(stream, expected, toActualRevision(error.actualVersion));
  if (clientErrorType(error) === ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED) {
    const limit = (error as { readonly maxAppendSize?: unknown }).maxAppendSize;
    return new InvalidArgumentError('$.events', `the batch exceeds the server's maximum append size (${String(limit)} bytes)`);
  }
  return undefined;
};
