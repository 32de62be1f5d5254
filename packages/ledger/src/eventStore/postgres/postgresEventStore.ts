/**
 * The PostgreSQL {@link EventStore}: for several processes sharing one durable log. Tables live in
 * one schema (see `postgresSchema.ts`); each append is one transaction (see `postgresAppend.ts`),
 * and so is each `appendMany` over all its streams (see `postgresMultiAppend.ts`).
 *
 * ## Global order: the transaction-id high-water mark
 *
 * Positions come from a sequence, so concurrent appends can commit out of position order: if the
 * append holding positions 5-6 commits after the one holding 7, a reader that saw 7 and saved it
 * as its checkpoint would never read 5-6. So `readAll` (and subscriptions) return only events
 * written by transactions older than every transaction still running when the read started
 * (`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`), as Marten and Emmett do.
 *
 * That filter alone is not enough: a transaction id is assigned at a transaction's first write and
 * a position later, so ids and positions could still be ordered differently. Here each append gets
 * its id and its positions together under a short advisory lock (`ecoledger_reserve_positions`),
 * so positions increase with transaction ids, and "every event of a transaction older than all
 * running ones" is always a gap-free prefix of the log. Appends to different streams still run
 * and commit concurrently: only that reservation is serialised, not the insert or the commit.
 *
 * The cost: events committed while an older transaction is still running (any transaction with a
 * transaction id on the cluster, not only appends) are held back until it ends. Subscriptions poll
 * briefly while that lasts; `readAll` waits for them up to `visibilityWaitMs`, then returns the
 * safe prefix. A long-running writing transaction on the cluster therefore delays readers: keep
 * them short. Stream reads (`readStream`, `streamRevision`) are not affected: a stream is ordered by
 * its own lock, so they always see every committed event.
 */
import type pg from 'pg';
import { describeValue } from '../../codecs/formatValidationErrors.js';
import { defaultPostgresUrl, openPostgresDatabase } from '../../sql/postgresDatabase.js';
import type { SqlDatabase, SqlValue } from '../../sql/sqlDatabase.js';
import type { RecordedEvent } from '../envelope.js';
import type { ActualRevision, AppendResult, EventStore, MultiAppendResult, Subscription } from '../eventStore.js';
import { validateAppendMany } from '../multiAppendArguments.js';
import { InvalidArgumentError, LogNotFullyVisibleError, StoreClosedError, StoreReadOnlyError } from '../errors.js';
import {
  validateAppend,
  validateReadAllOptions,
  validateReadStreamOptions,
  validateStreamName,
} from '../storeArguments.js';
import { assertOptionsObject, integerOption } from '../storeOptions.js';
import { createRunningSubscriptions } from '../runningSubscriptions.js';
import { createAppendNotifications } from './appendNotifications.js';
import { appendChannel, appendToStream, readStreamRevision } from './postgresAppend.js';
import { appendToStreams, streamRevisions } from './postgresMultiAppend.js';
import { validateStreamNames } from '../streamRevisions.js';
import { decodeEventRow, eventColumns, type EventRow } from './postgresEventRow.js';
import { assertPostgresEventStoreSchema, migratePostgresEventStore, postgresSchemaPattern, postgresStoreNames } from './postgresSchema.js';
import { assertStorableText, int64Param } from './postgresText.js';

/** A PostgreSQL database as `openPostgresDatabase` returns it. */
export type PostgresDatabase = SqlDatabase & { readonly pool: pg.Pool; readonly schema: string };

/** Options shared by both ways of opening the store. */
export interface PostgresEventStoreCommonOptions {
  /**
   * How often (ms, default 1,000) an idle subscription re-reads the log even without a
   * notification: the fallback when the LISTEN connection is down.
   */
  readonly pollIntervalMs?: number;
  /**
   * How long (ms, default 10,000) `readAll` waits for events held back by an older running
   * transaction (see the module comment) before returning only the events before them.
   */
  readonly visibilityWaitMs?: number;
}

/** Opens a connection pool; the store owns it and closes it. */
export interface PostgresEventStoreConnectionOptions extends PostgresEventStoreCommonOptions {
  /** Default `ECOLEDGER_PG_URL`, else `postgres://postgres@127.0.0.1:5432/test`. */
  readonly connectionString?: string;
  /** Schema of the store's tables (created if missing); default `public`. */
  readonly schema?: string;
  /** Pool size (default 10). */
  readonly max?: number;
  /**
   * Read-only (for verify and audits): every statement runs in a READ ONLY transaction, the schema
   * is neither created nor migrated (it must hold an event store), `append` throws
   * `store_read_only`, and `readAll` throws `log_not_fully_visible` rather than return a prefix
   * when events stay held back past `visibilityWaitMs`.
   */
  readonly readOnly?: boolean;
}

/**
 * Uses an already-open database from `openPostgresDatabase` (its schema holds the tables), e.g. to
 * share it with projections. The caller owns it: closing the store does not close the database.
 */
export interface PostgresEventStoreDatabaseOptions extends PostgresEventStoreCommonOptions {
  readonly database: PostgresDatabase;
}

/** Options of {@link createPostgresEventStore}. */
export type PostgresEventStoreOptions = PostgresEventStoreConnectionOptions | PostgresEventStoreDatabaseOptions;

/** A PostgreSQL event store, plus its database for projections that want to share it. */
export interface PostgresEventStore extends EventStore {
  readonly database: PostgresDatabase;
}

/** Default poll interval of idle subscriptions, in milliseconds. */
export const defaultPostgresPollIntervalMs = 1_000;

/** Default longest wait of `readAll` for held-back events, in milliseconds. */
export const defaultPostgresVisibilityWaitMs = 10_000;

/** Backoff of subscriptions (and `readAll`) while events are held back. */
const heldBackDelayMs = { first: 2, max: 100 } as const;

/** Opens or adopts the database named by `options`; `owned` says whether the store must close it. */
const databaseOf = async (
  options: PostgresEventStoreOptions,
): Promise<{ readonly database: PostgresDatabase; readonly owned: boolean }> => {
  if ('database' in options) {
    const database = options.database as Partial<PostgresDatabase> | null;
    const isPostgres =
      typeof database === 'object' && database !== null && database.dialect === 'postgres' && typeof database.schema === 'string';
    if (!isPostgres || database.pool === undefined) {
      throw new InvalidArgumentError('$.options.database', 'expected a PostgreSQL database from openPostgresDatabase');
    }
    return { database: database as PostgresDatabase, owned: false };
  }
  const { connectionString = defaultPostgresUrl(), schema = 'public', max, readOnly } = options;
  if (typeof connectionString !== 'string' || connectionString.length === 0) {
    throw new InvalidArgumentError('$.options.connectionString', `expected a non-empty string, got ${describeValue(connectionString)}`);
  }
  if (typeof schema !== 'string' || !postgresSchemaPattern.test(schema)) {
    throw new InvalidArgumentError('$.options.schema', `expected a name matching ${postgresSchemaPattern}, got ${describeValue(schema)}`);
  }
  integerOption(max, '$.options.max', 1);
  if (readOnly !== undefined && typeof readOnly !== 'boolean') {
    throw new InvalidArgumentError('$.options.readOnly', `expected a boolean, got ${describeValue(readOnly)}`);
  }
  const database = await openPostgresDatabase(connectionString, {
    schema,
    ...(max === undefined ? {} : { max }),
    ...(readOnly === true ? { readOnly } : {}),
  });
  return { database, owned: true };
};

/** Sleeps `ms`, or less if `signal` aborts. */
const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise<void>((resolve) => {
    if (signal?.aborted === true) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/** A page of the global log: the safe prefix, and whether events after it were held back. */
interface LogPage {
  readonly events: RecordedEvent[];
  readonly heldBack: boolean;
}

/**
 * Opens a PostgreSQL event store over a connection string (`{ connectionString, schema, max }`) or
 * an open PostgreSQL database (`{ database }`). Tables are created (migrated) idempotently on open.
 * @throws InvalidArgumentError for malformed options, or a schema newer than this code.
 */
export const createPostgresEventStore = async (options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> => {
  assertOptionsObject(options);
  const pollIntervalMs = integerOption(options.pollIntervalMs, '$.options.pollIntervalMs', 1) ?? defaultPostgresPollIntervalMs;
  const visibilityWaitMs = integerOption(options.visibilityWaitMs, '$.options.visibilityWaitMs', 0) ?? defaultPostgresVisibilityWaitMs;
  const { database, owned } = await databaseOf(options);
  const names = postgresStoreNames(database.schema);
  const readOnly = 'database' in options ? false : options.readOnly === true;
  try {
    await (readOnly ? assertPostgresEventStoreSchema(database, database.schema) : migratePostgresEventStore(database, database.schema));
  } catch (error) {
    if (owned) await database.close();
    throw error;
  }
  const notifications = createAppendNotifications(
    { ...database.pool.options, application_name: `ecoledger_listen_${database.schema}` },
    appendChannel,
    database.schema,
  );
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new StoreClosedError();
  };
  const subscriptions = createRunningSubscriptions(assertOpen);

  const streamNameOf = (stream: unknown): string => {
    const name = validateStreamName(stream);
    assertStorableText(name, '$.stream');
    return name;
  };

  const select = async (where: string, params: readonly SqlValue[]): Promise<RecordedEvent[]> => {
    const rows = await database.query<EventRow & Record<string, unknown>>(`SELECT ${eventColumns} FROM ${names.events} ${where}`, params);
    return rows.map(decodeEventRow);
  };

  /** Reads up to `maxCount` events after `after`, stopping before the first one held back. */
  const readLogPage = async (after: bigint | 'start', maxCount: number): Promise<LogPage> => {
    if (maxCount === 0) return { events: [], heldBack: false };
    const rows = await database.query<EventRow & { visible: unknown } & Record<string, unknown>>(
      `SELECT ${eventColumns}, transaction_id < pg_snapshot_xmin(pg_current_snapshot()) AS visible
       FROM ${names.events} WHERE position > $1 ORDER BY position LIMIT $2`,
      [after === 'start' ? '0' : int64Param(after), String(maxCount)],
    );
    const events: RecordedEvent[] = [];
    for (const row of rows) {
      if (row.visible !== true) return { events, heldBack: true };
      events.push(decodeEventRow(row));
    }
    return { events, heldBack: false };
  };

  /** True when some committed event lies after `after`, visible to readers yet or not. */
  const committedAfter = async (after: bigint | 'start'): Promise<boolean> => {
    const [row] = await database.query<{ found: unknown }>(
      `SELECT EXISTS (SELECT 1 FROM ${names.events} WHERE position > $1) AS found`,
      [after === 'start' ? '0' : int64Param(after)],
    );
    return row?.found === true;
  };

  /**
   * Reads a page of the log, waiting (with backoff) while events in it are held back. With a
   * `deadline` (`readAll`), waits while any event of the page is held back, then returns the safe
   * prefix. With a `signal` (subscriptions), waits only while nothing at all can be returned, until
   * aborted: a subscription never reports being caught up while committed events are held back.
   */
  const readLogWhenVisible = async (
    after: bigint | 'start',
    maxCount: number,
    until: { readonly deadline: number } | { readonly signal: AbortSignal },
  ): Promise<RecordedEvent[]> => {
    let delay: number = heldBackDelayMs.first;
    for (;;) {
      const page = await readLogPage(after, maxCount);
      if (!page.heldBack) return page.events;
      if ('deadline' in until) {
        // A read-only reader (verify) must not mistake the visible prefix for the whole log.
        if (Date.now() >= until.deadline) {
          if (readOnly) throw new LogNotFullyVisibleError(page.events.at(-1)?.position ?? after);
          return page.events;
        }
      } else if (page.events.length > 0 || until.signal.aborted) {
        return page.events;
      }
      await sleep(delay, 'signal' in until ? until.signal : undefined);
      assertOpen();
      delay = Math.min(delay * 2, heldBackDelayMs.max);
    }
  };

  return {
    database,

    async append(stream, events, expectedRevision): Promise<AppendResult> {
      assertOpen();
      if (readOnly) throw new StoreReadOnlyError();
      const args = validateAppend(stream, events, expectedRevision);
      assertStorableText(args.stream, '$.stream');
      args.events.forEach((event, index) => assertStorableText(event.type, `$.events[${index}].type`));
      return appendToStream(database, names, args.stream, args.events, args.expectedRevision);
    },

    atomicMultiStreamAppend: true,

    async appendMany(appends): Promise<MultiAppendResult> {
      assertOpen();
      if (readOnly) throw new StoreReadOnlyError();
      const args = validateAppendMany(appends);
      args.forEach((append, i) => {
        assertStorableText(append.stream, `$.appends[${i}].stream`);
        append.events.forEach((event, e) => assertStorableText(event.type, `$.appends[${i}].events[${e}].type`));
      });
      return appendToStreams(database, names, args);
    },

    async readStream(stream, options): Promise<RecordedEvent[]> {
      assertOpen();
      const name = streamNameOf(stream);
      const { direction, fromRevision, maxCount } = validateReadStreamOptions(options);
      if (maxCount === 0) return [];
      const limit = String(maxCount);
      if (fromRevision === 'end') {
        return select('WHERE stream = $1 ORDER BY revision DESC LIMIT $2', [name, direction === 'forwards' ? '1' : limit]);
      }
      const from = fromRevision === 'start' ? '0' : int64Param(fromRevision);
      if (direction === 'forwards') {
        return select('WHERE stream = $1 AND revision >= $2 ORDER BY revision LIMIT $3', [name, from, limit]);
      }
      return select('WHERE stream = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3', [name, from, limit]);
    },

    async streamRevision(stream): Promise<ActualRevision> {
      assertOpen();
      return readStreamRevision(database, names, streamNameOf(stream));
    },

    async streamRevisions(streams): Promise<ActualRevision[]> {
      assertOpen();
      return streamRevisions(database, names, validateStreamNames(streams).map(streamNameOf));
    },

    async readAll(options): Promise<RecordedEvent[]> {
      assertOpen();
      const { after, maxCount } = validateReadAllOptions(options);
      return readLogWhenVisible(after, maxCount, { deadline: Date.now() + visibilityWaitMs });
    },

    subscribe(options): Subscription {
      return subscriptions.subscribe(options, {
        readAll: (after, maxCount, signal) => readLogWhenVisible(after, maxCount, { signal }),
        waitForEventsAfter: async (after, signal) => {
          if (closed) return;
          await notifications.listening();
          const wait = notifications.wait(pollIntervalMs, signal);
          try {
            // An append committed between the read and the registered wait sent its notification too early.
            if (!closed && !(await committedAfter(after))) await wait.promise;
          } finally {
            wait.cancel();
          }
        },
      });
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await subscriptions.stopAll();
      await notifications.close();
      if (owned) await database.close();
    },
  };
};
