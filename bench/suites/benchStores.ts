/** The event stores the product suites run on: in memory, or a SQLite file in a temp directory removed on dispose. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInMemoryEventStore, type EventStore } from '@ecoledger/ledger';
import { createSqliteEventStore } from '@ecoledger/ledger/sqlite';

/** A fresh store of `kind`; `name` names the SQLite temp directory and file. */
export const makeBenchStore = async (kind: 'memory' | 'sqlite', name: string): Promise<{ store: EventStore; dispose: () => Promise<void> }> => {
  if (kind === 'memory') return { store: createInMemoryEventStore(), dispose: async () => {} };
  const dir = mkdtempSync(join(tmpdir(), `ecoledger-bench-${name}-`));
  const store = await createSqliteEventStore({ path: join(dir, `${name}.db`) });
  return {
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
