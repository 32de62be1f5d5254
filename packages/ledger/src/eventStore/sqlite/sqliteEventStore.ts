/**
 * The SQLite {@link EventStore}: the embedded, durable default. One file, WAL journal, one row per
 * event (see `sqliteSchema.ts`). Each append is one transaction (`BEGIN IMMEDIATE`, so the write
 * lock is taken before the expected revision is read): all of the batch or none of it, and
 * optimistic concurrency holds across connections and processes sharing the file. `appendMany`
 * is one such transaction over all its streams (see `sqliteAppend.ts`).
 *
 * Several processes may open the same file: their appends serialise on SQLite's write lock, and
 * subscriptions see them by polling. Within one process, share one database (pass `database`, or
 * the `database` of the first store) rather than opening the file twice: stores over one database
 * object wake each other's subscriptions at once and never wait on each other's locks.
 */
import { existsSync } from 'node:fs';
import { openSqliteDatabase } from '../../sql/sqliteDatabase.js';
import type { SqlDatabase, SqlExecutor, SqlValue } from '../../sql/sqlDatabase.js';
import { toBigInt } from '../../sql/sqlDatabase.js';
import { describeValue } from '../../codecs/formatValidationErrors.js';
import type { RecordedEvent } from '../envelope.js';
import type { ActualRevision, AppendResult, EventStore, MultiAppendResult, StreamAppendResult, Subscription } from '../eventStore.js';
import { InvalidArgumentError, StoreClosedError, StoreNotFoundError, StoreReadOnlyError } from '../errors.js';
import { resolveAppend } from '../idempotentReplay.js';
import { validateAppendMany } from '../multiAppendArguments.js';
import { decideMultiAppend, multiAppendResult, type StreamCheck } from '../multiAppendDecision.js';
import { validateAppend, validateReadAllOptions, validateReadStreamOptions, validateStreamName } from '../storeArguments.js';
import { assertOptionsObject, integerOption } from '../storeOptions.js';
import { createRunningSubscriptions } from '../runningSubscriptions.js';
import { checkStreams, currentRevisions, insertStreams } from './sqliteAppend.js';
import { validateStreamNames } from '../streamRevisions.js';
import { appendWakeUpsOf, notifyAppended, waitForAppendOrPoll } from './appendWakeUps.js';
import { decodeEventRow, eventColumns, type EventRow } from './sqliteEventRow.js';
import { assertSqliteEventStoreSchema, eventsTable, migrateSqliteEventStore } from './sqliteSchema.js';

/** Options shared by both ways of opening the store. */
export interface SqliteEventStoreCommonOptions {
  /**
   * How often (ms, default 100) an idle subscription re-reads the log to see appends made by other
   * processes sharing the file. Appends through this process wake subscriptions at once.
   */
  readonly pollIntervalMs?: number;
}

/** Opens (creating if needed) the database file at `path`; the store owns it and closes it. */
export interface SqliteEventStorePathOptions extends SqliteEventStoreCommonOptions {
  /** File path (`:memory:` for a private in-memory database). */
  readonly path: string;
  /**
   * `FULL` (default): every acknowledged append survives a process crash and a power loss (in WAL
   * mode the log is fsynced at each commit). `NORMAL`: faster; survives a process crash, but a
   * power loss may lose the last acknowledged appends (never corrupts the file).
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** Milliseconds to wait for another process's write lock before failing (default 5,000). */
  readonly busyTimeoutMs?: number;
  /**
   * Read-only (for verify and audits): the file must exist and hold an event store; it is opened
   * `readonly`, never migrated, and `append` throws `store_read_only`.
   */
  readonly readOnly?: boolean;
}

/**
 * Uses an already-open SQLite database (from `openSqliteDatabase`), e.g. to share it with
 * projections. The caller owns it: closing the store does not close the database.
 */
export interface SqliteEventStoreDatabaseOptions extends SqliteEventStoreCommonOptions {
  readonly database: SqlDatabase;
}

/** Options of {@link createSqliteEventStore}. */
export type SqliteEventStoreOptions = SqliteEventStorePathOptions | SqliteEventStoreDatabaseOptions;

/** A SQLite event store, plus its database for projections that want to share it. */
export interface SqliteEventStore extends EventStore {
  readonly database: SqlDatabase;
}

/** Default poll interval of subscriptions, in milliseconds. */
export const defaultSqlitePollIntervalMs = 100;

/** Largest value SQLite stores in an INTEGER: bounds beyond it are clamped before binding. */
const maxInt64 = (1n << 63n) - 1n;
const clamp = (value: bigint): bigint => (value > maxInt64 ? maxInt64 : value);
const limitOf = (maxCount: number): bigint => BigInt(maxCount);

/** Opens or adopts the database named by `options`; `owned` says whether the store must close it. */
const databaseOf = (options: SqliteEventStoreOptions): { readonly database: SqlDatabase; readonly owned: boolean } => {
  assertOptionsObject(options);
  if ('database' in options) {
    const database: unknown = options.database;
    if (typeof database !== 'object' || database === null || (database as SqlDatabase).dialect !== 'sqlite') {
      throw new InvalidArgumentError('$.options.database', 'expected a SQLite database from openSqliteDatabase');
    }
    return { database: database as SqlDatabase, owned: false };
  }
  const { path, synchronous, busyTimeoutMs, readOnly } = options;
  if (typeof path !== 'string' || path.length === 0) {
    throw new InvalidArgumentError('$.options.path', `expected a non-empty string, got ${describeValue(path)}`);
  }
  if (synchronous !== undefined && synchronous !== 'FULL' && synchronous !== 'NORMAL') {
    throw new InvalidArgumentError('$.options.synchronous', `expected "FULL" | "NORMAL", got ${describeValue(synchronous)}`);
  }
  integerOption(busyTimeoutMs, '$.options.busyTimeoutMs', 0);
  if (readOnly !== undefined && typeof readOnly !== 'boolean') {
    throw new InvalidArgumentError('$.options.readOnly', `expected a boolean, got ${describeValue(readOnly)}`);
  }
  if (readOnly === true && path === ':memory:') throw new StoreNotFoundError('a private in-memory database holds nothing to read');
  if (readOnly === true && !existsSync(path)) throw new StoreNotFoundError(`no SQLite file at ${path}`);
  try {
    const database = openSqliteDatabase(path, {
      ...(synchronous === undefined ? {} : { synchronous }),
      ...(busyTimeoutMs === undefined ? {} : { busyTimeoutMs }),
      ...(readOnly === true ? { readOnly } : {}),
    });
    return { database, owned: true };
  } catch (error) {
    if (readOnly === true && (error as { code?: unknown }).code === 'SQLITE_CANTOPEN') throw new StoreNotFoundError(`no SQLite file at ${path}`);
    throw error;
  }
};

/** Revision of the stream's last event, read inside `tx`. */
const currentRevision = async (tx: SqlExecutor, stream: string): Promise<ActualRevision> => {
  const [row] = await tx.query<{ revision: unknown }>(`SELECT MAX(revision) AS revision FROM ${eventsTable} WHERE stream = $1`, [stream]);
  return row?.revision === null || row?.revision === undefined ? 'no_stream' : toBigInt(row.revision);
};

/**
 * Opens a SQLite event store over a file (`{ path }`, created with its schema if needed) or over an
 * open SQLite database (`{ database }`). The schema is migrated idempotently on open.
 * @throws InvalidArgumentError for malformed options, or a database whose schema is newer than this code.
 */
export const createSqliteEventStore = async (options: SqliteEventStoreOptions): Promise<SqliteEventStore> => {
  const pollIntervalMs =
    integerOption((options as { pollIntervalMs?: unknown } | null)?.pollIntervalMs, '$.options.pollIntervalMs', 1) ??
    defaultSqlitePollIntervalMs;
  const { database, owned } = databaseOf(options);
  const readOnly = 'path' in options && options.readOnly === true;
  try {
    await (readOnly ? assertSqliteEventStoreSchema(database) : migrateSqliteEventStore(database));
  } catch (error) {
    if (owned) await database.close();
    throw error;
  }
  const wakeUps = appendWakeUpsOf(database);
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new StoreClosedError();
  };
  const subscriptions = createRunningSubscriptions(assertOpen);

  const select = async (where: string, params: readonly SqlValue[]): Promise<RecordedEvent[]> => {
    const rows = await database.query<EventRow & Record<string, unknown>>(`SELECT ${eventColumns} FROM ${eventsTable} ${where}`, params);
    return rows.map(decodeEventRow);
  };

  const readAllNow = (after: bigint | 'start', maxCount: number): Promise<RecordedEvent[]> =>
    maxCount === 0
      ? Promise.resolve([])
      : select('WHERE position > $1 ORDER BY position LIMIT $2', [after === 'start' ? 0n : clamp(after), limitOf(maxCount)]);

  return {
    database,

    async append(stream, events, expectedRevision): Promise<AppendResult> {
      assertOpen();
      if (readOnly) throw new StoreReadOnlyError();
      const args = validateAppend(stream, events, expectedRevision);
      let wrote = false;
      const result = await database.transaction(async (tx) => {
        const [check] = await checkStreams(tx, [args]);
        const { current, replay } = check as StreamCheck;
        const replayed = resolveAppend(args.stream, args.expectedRevision, current, replay);
        if (replayed !== undefined) return replayed;
        wrote = true;
        const [written] = await insertStreams(tx, [args], [current]);
        return { nextExpectedRevision: (written as StreamAppendResult).nextExpectedRevision, position: (written as StreamAppendResult).position };
      });
      if (wrote) notifyAppended(wakeUps);
      return result;
    },

    atomicMultiStreamAppend: true,

    async appendMany(appends): Promise<MultiAppendResult> {
      assertOpen();
      if (readOnly) throw new StoreReadOnlyError();
      const args = validateAppendMany(appends);
      let wrote = false;
      const result = await database.transaction(async (tx) => {
        const checks = await checkStreams(tx, args);
        const decision = decideMultiAppend(args, checks);
        if (decision.kind === 'replayed') return decision.result;
        wrote = true;
        return multiAppendResult(await insertStreams(tx, args, checks.map((check) => check.current)));
      });
      // One notification for the whole call: subscribers read it as one run of the log.
      if (wrote) notifyAppended(wakeUps);
      return result;
    },

    async readStream(stream, options): Promise<RecordedEvent[]> {
      assertOpen();
      const name = validateStreamName(stream);
      const { direction, fromRevision, maxCount } = validateReadStreamOptions(options);
      if (maxCount === 0) return [];
      if (fromRevision === 'end') {
        const limit = direction === 'forwards' ? 1n : limitOf(maxCount);
        return select('WHERE stream = $1 ORDER BY revision DESC LIMIT $2', [name, limit]);
      }
      const from = fromRevision === 'start' ? 0n : clamp(fromRevision);
      if (direction === 'forwards') {
        return select('WHERE stream = $1 AND revision >= $2 ORDER BY revision LIMIT $3', [name, from, limitOf(maxCount)]);
      }
      return select('WHERE stream = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3', [name, from, limitOf(maxCount)]);
    },

    async streamRevision(stream): Promise<ActualRevision> {
      assertOpen();
      return currentRevision(database, validateStreamName(stream));
    },

    async streamRevisions(streams): Promise<ActualRevision[]> {
      assertOpen();
      const names = validateStreamNames(streams);
      const heads = await currentRevisions(database, [...new Set(names)]);
      return names.map((stream) => heads.get(stream) ?? 'no_stream');
    },

    async readAll(options): Promise<RecordedEvent[]> {
      assertOpen();
      const { after, maxCount } = validateReadAllOptions(options);
      return readAllNow(after, maxCount);
    },

    subscribe(options): Subscription {
      // Appends seen by this subscription's last read: a later in-process append wakes it at once.
      let seenAppends = wakeUps.appends;
      return subscriptions.subscribe(options, {
        readAll: (after, maxCount) => {
          seenAppends = wakeUps.appends;
          return readAllNow(after, maxCount);
        },
        waitForEventsAfter: (_after, signal) =>
          closed ? Promise.resolve() : waitForAppendOrPoll(wakeUps, seenAppends, pollIntervalMs, signal),
      });
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await subscriptions.stopAll();
      if (owned) await database.close();
    },
  };
};
