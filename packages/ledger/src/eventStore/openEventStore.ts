/**
 * Store selection by URL, the same everywhere (library, CLI `--store`, examples):
 *
 * | URL | store |
 * | --- | --- |
 * | `memory:` | in-memory (the default; nothing survives the process) |
 * | `sqlite:./path.db`, `sqlite:/abs/path.db`, `sqlite::memory:` | SQLite file (the embedded durable default) |
 * | `postgres://user@host:port/db?schema=name` (or `postgresql://`) | PostgreSQL; `schema` defaults to `public`; `visibilityWaitMs=n` sets how long reads wait for events held back by transactions in progress |
 * | `esdb://host:port?tls=false` (or `esdb+discover://`) | EventStoreDB |
 *
 * Adapters are imported on demand, so a memory-only user never loads a native driver.
 */
import { InvalidArgumentError, StoreReadOnlyError } from './errors.js';
import type { EventStore } from './eventStore.js';
import { createInMemoryEventStore } from './inMemoryEventStore.js';

/** A parsed store URL. */
export type StoreLocation =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema?: string; readonly visibilityWaitMs?: number }
  | { readonly kind: 'eventstoredb'; readonly connectionString: string };

/** Parses a store URL; throws `InvalidArgumentError` naming what is wrong. */
export const parseStoreUrl = (url: string): StoreLocation => {
  if (typeof url !== 'string' || url.length === 0) throw new InvalidArgumentError('$.store', 'expected a store URL such as memory: or sqlite:./ledger.db');
  if (url === 'memory:' || url === 'memory') return { kind: 'memory' };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\.|\/)/, '');
    if (path.length === 0) throw new InvalidArgumentError('$.store', 'sqlite: needs a file path, e.g. sqlite:./ledger.db');
    return { kind: 'sqlite', path };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema');
    const wait = parsed.searchParams.get('visibilityWaitMs');
    parsed.searchParams.delete('schema');
    parsed.searchParams.delete('visibilityWaitMs');
    if (wait !== null && !/^(0|[1-9][0-9]{0,8})$/.test(wait)) {
      throw new InvalidArgumentError('$.store', `visibilityWaitMs must be a whole number of milliseconds, got "${wait}"`);
    }
    return {
      kind: 'postgres',
      connectionString: parsed.toString(),
      ...(schema === null ? {} : { schema }),
      ...(wait === null ? {} : { visibilityWaitMs: Number(wait) }),
    };
  }
  if (url.startsWith('esdb://') || url.startsWith('esdb+discover://')) return { kind: 'eventstoredb', connectionString: url };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1];
  throw new InvalidArgumentError(
    '$.store',
    scheme === undefined ? `"${url}" is not a store URL` : `unknown store scheme "${scheme}:"; use memory:, sqlite:, postgres:// or esdb://`,
  );
};

/** How to open a store by URL. */
export interface OpenEventStoreOptions {
  /**
   * Read-only (verify, audits): nothing is created or migrated, a missing SQLite file or
   * PostgreSQL schema throws `store_not_found`, PostgreSQL runs every statement in a READ ONLY
   * transaction and throws `log_not_fully_visible` rather than return part of the log, and
   * `append` throws `store_read_only` on every store.
   */
  readonly readOnly?: boolean;
}

/** A view of `store` whose `append` and `appendMany` always throw `store_read_only`. */
const withoutAppend = (store: EventStore): EventStore => ({
  append: () => Promise.reject(new StoreReadOnlyError()),
  atomicMultiStreamAppend: store.atomicMultiStreamAppend,
  appendMany: () => Promise.reject(new StoreReadOnlyError()),
  readStream: (stream, options) => store.readStream(stream, options),
  streamRevision: (stream) => store.streamRevision(stream),
  ...(store.streamRevisions === undefined ? {} : { streamRevisions: (streams: readonly string[]) => store.streamRevisions!(streams) }),
  readAll: (options) => store.readAll(options),
  subscribe: (options) => store.subscribe(options),
  close: () => store.close(),
});

/** Opens the store a URL names; see the module comment for the forms. */
export const openEventStore = async (url: string, options: OpenEventStoreOptions = {}): Promise<EventStore> => {
  const location = parseStoreUrl(url);
  const readOnly = options.readOnly === true;
  switch (location.kind) {
    case 'memory':
      return readOnly ? withoutAppend(createInMemoryEventStore()) : createInMemoryEventStore();
    case 'sqlite': {
      const { createSqliteEventStore } = await import('./sqlite/index.js');
      return createSqliteEventStore(readOnly ? { path: location.path, readOnly } : { path: location.path });
    }
    case 'postgres': {
      const { createPostgresEventStore } = await import('./postgres/index.js');
      const { connectionString, schema, visibilityWaitMs } = location;
      return createPostgresEventStore({
        connectionString,
        ...(schema === undefined ? {} : { schema }),
        ...(visibilityWaitMs === undefined ? {} : { visibilityWaitMs }),
        ...(readOnly ? { readOnly } : {}),
      });
    }
    case 'eventstoredb': {
      // EventStoreDB has no migrations to skip; the view keeps verify from appending.
      const { createEventStoreDbEventStore } = await import('./eventStoreDb/index.js');
      const store = await createEventStoreDbEventStore({ connectionString: location.connectionString });
      return readOnly ? withoutAppend(store) : store;
    }
  }
};
