/**
 * One book's process in the cross-book saga test: `node process.mjs <connectionString> <schema>
 * <book> <count> <seed>`. It is the single writer of its book on the shared PostgreSQL store: it
 * opens the book and its customers, requests the planned transfers whose payer lives in its book,
 * and runs the saga processor, which takes every step that belongs to its book (credits of
 * transfers to it, posts and voids of its holds) as the other process records its own steps.
 *
 * Stdout: `ready` once its book is set up, `requested <n>` once its transfers are requested.
 * A `stop` line on stdin stops the processor and exits 0; a failure exits 2.
 * Bundled with esbuild by the test, so it imports the library by relative path.
 */
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createInMemoryCheckpointStore } from '../../packages/ledger/src/projections/runner/checkpointStore.js';
import { startProcessor } from '../../packages/ledger/src/processors/startProcessor.js';
import { createPostgresEventStore } from '../../packages/ledger/src/eventStore/postgres/index.js';
import { createCrossBookTransferRunner } from '../../packages/products/src/routing/crossBookTransfer/transferRunner.js';
import { transferProcessor } from '../../packages/products/src/routing/crossBookTransfer/transferProcessor.js';
import { openClosedWallet, openFundedWallet, openRoutedBook } from '../../packages/products/test-kit/routedBooks.js';
import { closedOf, customersOf, FUNDING, sagaRouter, sagaTransfers, type SagaBook } from './sagaPlan.js';

const say = (line: string): void => {
  writeSync(1, `${line}\n`);
};

const main = async (): Promise<void> => {
  const [connectionString, schema, book, count, seed] = process.argv.slice(2) as [string, string, SagaBook, string, string];
  const store = await createPostgresEventStore({ connectionString, schema, max: 4, pollIntervalMs: 100 });
  const router = sagaRouter();
  const { book: ledgerBook, port } = await openRoutedBook(store, router, book);
  for (const customer of customersOf[book]) await openFundedWallet(ledgerBook, book, customer, FUNDING);
  await openClosedWallet(ledgerBook, book, closedOf[book]);
  say('ready');

  const runner = createCrossBookTransferRunner({ store, router, ports: { [book]: port }, clock: () => new Date() });
  const loop = await startProcessor({
    source: store,
    checkpoints: createInMemoryCheckpointStore(),
    processor: transferProcessor({ runner }),
    pollIntervalMs: 50,
    // A page that fails (a conflict with the other book's writer on a saga stream) is delivered again.
    retry: { maxAttempts: 20, baseDelayMs: 20, maxDelayMs: 500, jitter: Math.random },
    onError: (error) => writeSync(2, `saga processor stopped: ${error instanceof Error ? error.message : String(error)}\n`),
  });
  let requested = 0;
  for (const transfer of sagaTransfers(Number(count), Number(seed))) {
    if (router.bookOf(transfer.fromAccountId) !== book) continue;
    const outcome = await runner.request(transfer);
    if (outcome._tag === 'Left') throw outcome.left;
    requested++;
  }
  say(`requested ${requested}`);

  for await (const line of createInterface({ input: process.stdin })) if (line === 'stop') break;
  await loop.stop();
  await store.close();
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    writeSync(2, `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
