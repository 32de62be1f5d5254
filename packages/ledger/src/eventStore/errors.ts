/**
 * Typed errors of the event store port, its adapters and the event codecs.
 * Every error carries a `code` from {@link eventStoreErrorMessages}; guards test the code rather
 * than `instanceof`, so they also work across duplicated copies of the package (ESM + CJS).
 */
import type { DecodeIssue } from '../codecs/formatValidationErrors.js';
import { eventStoreErrorMessages, type EventStoreErrorCode } from '../errors.js';
import type { ActualRevision, ExpectedRevision } from './eventStore.js';

/** Base class of every event store error. */
export class EventStoreError extends Error {
  readonly code: EventStoreErrorCode;

  constructor(code: EventStoreErrorCode, detail?: string, options?: ErrorOptions) {
    const message = eventStoreErrorMessages[code];
    super(detail === undefined ? message : `${message}: ${detail}`, options);
    this.name = 'EventStoreError';
    this.code = code;
  }
}

/** Renders a revision expectation the way error messages show it. */
const showRevision = (revision: ExpectedRevision): string =>
  typeof revision === 'bigint' ? `${revision}` : revision;

/** An append's `expectedRevision` did not match the stream; nothing was written. */
export class WrongExpectedVersionError extends EventStoreError {
  declare readonly code: 'wrong_expected_version';
  readonly stream: string;
  readonly expected: ExpectedRevision;
  readonly actual: ActualRevision;

  constructor(stream: string, expected: ExpectedRevision, actual: ActualRevision) {
    super(
      'wrong_expected_version',
      `stream "${stream}" expected ${showRevision(expected)}, actual ${showRevision(actual)}`,
    );
    this.name = 'WrongExpectedVersionError';
    this.stream = stream;
    this.expected = expected;
    this.actual = actual;
  }
}

export type { DecodeIssue } from '../codecs/formatValidationErrors.js';

/** Where a failing event came from, when known. */
export interface EventDecodeErrorDetails {
  readonly eventType: string;
  readonly issues: readonly DecodeIssue[];
  readonly stream?: string | undefined;
  readonly revision?: bigint | undefined;
  readonly version?: number | undefined;
}

/**
 * An event (stored, submitted or being encoded) does not match its schema, or its type/version
 * has no schema (`event_type_unknown`). `path`/`reason` describe the first issue; `issues` has all.
 */
export class EventDecodeError extends EventStoreError {
  declare readonly code: 'event_decode_failed' | 'event_type_unknown';
  readonly eventType: string;
  readonly stream?: string;
  readonly revision?: bigint;
  readonly version?: number;
  readonly path: string;
  readonly reason: string;
  readonly issues: readonly DecodeIssue[];

  constructor(code: 'event_decode_failed' | 'event_type_unknown', details: EventDecodeErrorDetails) {
    const first = details.issues[0] ?? { path: '$', reason: 'invalid' };
    const where =
      details.stream === undefined
        ? ''
        : ` in stream "${details.stream}"${details.revision === undefined ? '' : ` at revision ${details.revision}`}`;
    const version = details.version === undefined ? '' : ` v${details.version}`;
    const issues = details.issues.map((issue) => `${issue.path}: ${issue.reason}`).join('; ');
    super(code, `event "${details.eventType}"${version}${where}: ${issues || `${first.path}: ${first.reason}`}`);
    this.name = 'EventDecodeError';
    this.eventType = details.eventType;
    if (details.stream !== undefined) this.stream = details.stream;
    if (details.revision !== undefined) this.revision = details.revision;
    if (details.version !== undefined) this.version = details.version;
    this.path = first.path;
    this.reason = first.reason;
    this.issues = details.issues.length > 0 ? details.issues : [first];
  }
}

/** An argument to a store method is malformed; nothing was read or written. */
export class InvalidArgumentError extends EventStoreError {
  declare readonly code: 'invalid_argument';
  /** Path of the offending value, e.g. `$.events[2].metadata.channel`. */
  readonly path: string;
  readonly reason: string;

  constructor(path: string, reason: string) {
    super('invalid_argument', `${path}: ${reason}`);
    this.name = 'InvalidArgumentError';
    this.path = path;
    this.reason = reason;
  }
}

/** An appended event id is already stored, and not as the idempotent tail of the same stream. */
export class DuplicateEventIdError extends EventStoreError {
  declare readonly code: 'duplicate_event_id';
  readonly stream: string;
  readonly eventId: string;

  constructor(stream: string, eventId: string) {
    super('duplicate_event_id', `event ${eventId} appended to "${stream}"`);
    this.name = 'DuplicateEventIdError';
    this.stream = stream;
    this.eventId = eventId;
  }
}

/** The store was closed; it accepts no further calls. */
export class StoreClosedError extends EventStoreError {
  declare readonly code: 'store_closed';

  constructor() {
    super('store_closed');
    this.name = 'StoreClosedError';
  }
}

/** The store to read does not exist: no SQLite file, or no event store schema in PostgreSQL. Nothing was created. */
export class StoreNotFoundError extends EventStoreError {
  declare readonly code: 'store_not_found';

  constructor(detail: string) {
    super('store_not_found', detail);
    this.name = 'StoreNotFoundError';
  }
}

/** A database driver an adapter loads on demand. */
export type DriverPackage = 'better-sqlite3' | 'pg' | '@eventstore/db-client';

/**
 * An adapter was loaded without its database driver: `@ecoledger/ledger` declares the drivers
 * as optional peer dependencies, so a memory-only user installs none. `packageName` is the
 * package to install (`npm install <packageName>`).
 */
export class DriverNotInstalledError extends EventStoreError {
  declare readonly code: 'driver_not_installed';
  readonly packageName: DriverPackage;

  constructor(packageName: DriverPackage, options?: ErrorOptions) {
    super('driver_not_installed', `install it with: npm install ${packageName}`, options);
    this.name = 'DriverNotInstalledError';
    this.packageName = packageName;
  }
}

/** Whether `error` is a {@link DriverNotInstalledError} (by code, so across ESM and CJS copies). */
export const isDriverNotInstalled = (error: unknown): error is DriverNotInstalledError =>
  isEventStoreError(error, 'driver_not_installed');

/** An append (or any write) on a store opened read-only. Nothing was written. */
export class StoreReadOnlyError extends EventStoreError {
  declare readonly code: 'store_read_only';

  constructor() {
    super('store_read_only');
    this.name = 'StoreReadOnlyError';
  }
}

/**
 * A read-only reader could not see the whole log: events committed after a position are held back
 * by transactions still in progress (PostgreSQL). What was read is a prefix, not the log.
 */
export class LogNotFullyVisibleError extends EventStoreError {
  declare readonly code: 'log_not_fully_visible';

  constructor(readonly after: bigint | 'start') {
    super('log_not_fully_visible', `events after position ${after} are held back; rerun when the writers' transactions have ended`);
    this.name = 'LogNotFullyVisibleError';
  }
}

/** True for any event store error, optionally of one code. */
export const isEventStoreError = (error: unknown, code?: EventStoreErrorCode): error is EventStoreError => {
  if (!(error instanceof Error)) return false;
  const actual: unknown = (error as { code?: unknown }).code;
  return typeof actual === 'string' && Object.hasOwn(eventStoreErrorMessages, actual) && (code === undefined || actual === code);
};

/** True for an optimistic concurrency conflict. */
export const isWrongExpectedVersion = (error: unknown): error is WrongExpectedVersionError =>
  isEventStoreError(error, 'wrong_expected_version');

/** True for a schema failure or an unknown event type/version. */
export const isEventDecodeError = (error: unknown): error is EventDecodeError =>
  isEventStoreError(error, 'event_decode_failed') || isEventStoreError(error, 'event_type_unknown');

/** True for a malformed argument. */
export const isInvalidArgument = (error: unknown): error is InvalidArgumentError =>
  isEventStoreError(error, 'invalid_argument');

/** True when the store was closed. */
export const isStoreClosed = (error: unknown): error is StoreClosedError => isEventStoreError(error, 'store_closed');
