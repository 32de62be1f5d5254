import { afterEach, beforeEach, expect, it } from 'vitest';
import type { EventStore } from '../eventStore/eventStore.js';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { createSqlCheckpointStore } from '../projections/runner/sqlCheckpoints.js';
import { rejectionOf, testEvents } from '../testing/index.js';
import { databaseKinds, type TestDatabase } from '../../test-kit/projections/testDatabases.test-support.js';
import type { Processor } from './processor.js';
import { runProcessorOnce, startProcessor } from './startProcessor.js';

/** A processor recording the positions it is handed; `failAt` makes it throw there. */
const recorder = (failAt?: bigint) => {
  const deliveries: bigint[] = [];
  const processor: Processor = {
    name: 'sql.reactor',
    handle: async (events) => {
      for (const event of events) {
        if (event.position === failAt) throw new Error(`refusing ${event.position}`);
        deliveries.push(event.position);
      }
    },
  };
  return { processor, deliveries };
};

for (const kind of databaseKinds) {
  kind.describe(`processors: checkpoints in SQL on ${kind.name}`, () => {
    let db: TestDatabase;
    let store: EventStore;

    beforeEach(async () => {
      db = await kind.open();
      store = createInMemoryEventStore({ positionStep: 3n });
      await store.append('orders-1', testEvents(7), 'any');
    });
    afterEach(async () => {
      await store.close();
      await db.teardown();
    });

    it('a restarted process (new connection) resumes after the saved checkpoint, and after a failed page at that page', async () => {
      const all = (await store.readAll()).map((e) => e.position);
      const first = recorder(all[5]);
      const error = await rejectionOf(runProcessorOnce({ source: store, checkpoints: createSqlCheckpointStore(db.database), processor: first.processor, batchSize: 2 }));
      expect(error).toMatchObject({ code: 'processor_handler_failed', fromPosition: all[4], toPosition: all[5] });
      expect(first.deliveries).toEqual(all.slice(0, 5));

      const reopened = createSqlCheckpointStore(await db.reopen());
      expect(await reopened.load('sql.reactor')).toBe(all[3]);
      const second = recorder();
      const running = await startProcessor({ source: store, checkpoints: reopened, processor: second.processor, batchSize: 2, pollIntervalMs: 5 });
      await running.caughtUp;
      await running.stop();
      expect(second.deliveries).toEqual(all.slice(4));
      expect(await createSqlCheckpointStore(db.database).load('sql.reactor')).toBe(all[6]);
    });
  });
}
