/**
 * The child process of the product postings crash test:
 * `node writer.mjs <dbPath> <seed> <run> <inFlightIds|->`. It opens the SQLite event store, a book
 * on it and the wallet product's command handler, recovers the way a service does on start, then
 * handles random wallet commands from three concurrent workers until it is killed. The protocol is
 * in `productPostingsPlan.ts`.
 *
 * Recovery runs `repairHolds` with a grace of 0 ms. That is safe here and only here: the previous
 * writer is dead (the test waits for its exit after SIGKILL) and this one has not started a
 * command yet, so no attempt is in flight that could still record an event at a hold's revision;
 * every pending product hold belongs to a dead attempt. (A service sharing its store with live
 * writers must wait longer than its slowest command.)
 *
 * To land kills between the steps of a command (hold, record, post), the writer wraps the port and
 * the store it gives the handler with random short pauses before and after each call; production
 * code is untouched. Any unexpected failure is printed to stderr and exits with status 2.
 * Bundled with esbuild by the test.
 */
import { writeSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { createSqlCheckpointStore, type EventStore } from '@ecoledger/ledger';
import { createSqliteEventStore } from '@ecoledger/ledger/sqlite';
import { catchUpPostings } from '../../packages/products/src/posting/postingCatchUp.js';
import type { PostingPort } from '../../packages/products/src/posting/postingPort.js';
import { createProductCommandHandler } from '../../packages/products/src/posting/productCommandHandler.js';
import { repairHolds } from '../../packages/products/src/posting/repairHolds.js';
import { walletBook, walletContext, walletDecider, walletEffects, walletSchemas, walletSource } from '../../packages/products/test-kit/walletProduct.js';
import { seededRandom } from './crashPlan.js';
import { commandOf, newCommandId, openCommandId, walletIds, walletStream } from './productPostingsPlan.js';

const say = (line: string): void => {
  writeSync(1, `${line}\n`);
};

const fail = (message: string): never => {
  writeSync(2, `${message}\n`);
  process.exit(2);
};

const WORKERS = 3;
const RETRY_SHARE = 0.15;

const main = async (): Promise<void> => {
  const [path, seedText, runText, inFlightText] = process.argv.slice(2);
  if (path === undefined || seedText === undefined || runText === undefined || inFlightText === undefined) return fail('usage: writer <dbPath> <seed> <run> <ids|->');
  const run = Number(runText);
  const random = seededRandom(Number(seedText) ^ Math.imul(run + 1, 0x9e3779b1));
  const store = await createSqliteEventStore({ path });
  const { port } = await walletBook(store);
  const sources = [walletSource];

  await repairHolds({ store, port, sources, clock: () => new Date(), graceMs: 0 });
  await catchUpPostings({ store, port, sources, checkpoints: createSqlCheckpointStore(store.database) });
  if ((await port.openHoldsPage({ limit: 1 })).items.length > 0) fail('recovery left a product hold pending');

  const pause = async (): Promise<void> => {
    const roll = random();
    if (roll < 0.3) await new Promise(setImmediate);
    else if (roll < 0.45) await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 3)));
  };
  const paced = <Args extends unknown[], Result>(call: (...args: Args) => Promise<Result>) =>
    async (...args: Args): Promise<Result> => {
      await pause();
      const result = await call(...args);
      await pause();
      return result;
    };
  const pacedPort: PostingPort = { ...port, openAccounts: paced(port.openAccounts), createTransfers: paced(port.createTransfers) };
  // The store's methods may use `this`: the wrapper inherits them and replaces `append` only.
  const pacedStore: EventStore = Object.create(store) as EventStore;
  Object.defineProperty(pacedStore, 'append', { value: paced(store.append.bind(store)) });

  const handler = createProductCommandHandler({
    store: pacedStore,
    port: pacedPort,
    decider: walletDecider,
    schemas: walletSchemas,
    effects: walletEffects,
    clock: () => new Date(),
    retry: { maxAttempts: 8, baseDelayMs: 1, maxDelayMs: 20, jitter: () => random() },
  });

  const known: string[] = [];
  for (const walletId of walletIds) {
    for (const event of await store.readStream(walletStream(walletId))) {
      const commandId = event.metadata.commandId;
      if (commandId !== undefined && !known.includes(commandId)) known.push(commandId);
    }
  }
  const inFlight = new Set<string>();
  const handle = async (commandId: string): Promise<void> => {
    inFlight.add(commandId);
    const { walletId, command } = commandOf(commandId);
    say(`send ${commandId}`);
    const result = await handler(walletStream(walletId), command, walletContext(commandId));
    if (E.isRight(result)) say(`ack ${commandId} ok`);
    else {
      const { code, message } = result.left as { code?: unknown; message?: unknown };
      say(`ack ${commandId} refused ${String(code)} ${String(message).replace(/\s+/g, ' ')}`);
    }
    inFlight.delete(commandId);
    if (!known.includes(commandId)) known.push(commandId);
  };

  say('ready');
  // A client whose answer the kill swallowed sends the same command again first.
  const retried = inFlightText === '-' ? [] : inFlightText.split(',');
  await Promise.all(retried.map(handle));
  for (const walletId of walletIds) await handle(openCommandId(walletId));

  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const candidates = known.filter((id) => !inFlight.has(id));
      const retry = candidates.length > 0 && random() < RETRY_SHARE;
      await handle(retry ? candidates[Math.floor(random() * candidates.length)]! : newCommandId(run, next++));
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
};

main().catch((error: unknown) => fail(`writer crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
