/**
 * The child process of the SQLite crash test: `node writer.mjs <dbPath>`. It opens the book in the
 * SQLite file, continues after the last batch already stored, and appends transfer batches through
 * the public `Book` API until it is killed. Stdout protocol, one line per message, written only
 * after the fact it reports:
 *
 * - `ready <n>`: the book is open and batch `n` comes next;
 * - `ack <n>`: `createTransfers` for batch `n` resolved and its audit events (one per item, one
 *   multi-row append to the audit stream) were appended: the batch is durably stored.
 *
 * Any failure is printed to stderr and exits with status 2 (the parent fails the test on it).
 * Bundled with esbuild by the test, so it imports the library by relative path.
 */
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { createSqliteEventStore } from '../../packages/ledger/src/eventStore/sqlite/index.js';
import { Book } from '../../packages/ledger/src/ledger/book.js';
import type { ItemResult } from '../../packages/ledger/src/ledger/ledgerError.js';
import { minorToDecimal } from '../../packages/ledger/src/money/decimalString.js';
import type { EventEnvelope } from '../../packages/ledger/src/eventStore/envelope.js';
import {
  auditEventType,
  batchSizeOf,
  crashAccounts,
  crashAuditStream,
  crashBookId,
  crashLedgers,
  itemIdOf,
  parseItemId,
  seededRandom,
  type AuditData,
} from './crashPlan.js';

/** Writes one line straight to the stdout descriptor: once this returns, the parent can read it. */
const say = (line: string): void => {
  writeSync(1, `${line}\n`);
};

const fail = (message: string): never => {
  writeSync(2, `${message}\n`);
  process.exit(2);
};

const expectSuccess = (what: string, outcome: E.Either<Error, readonly ItemResult[]>): void => {
  if (E.isLeft(outcome)) fail(`${what} failed: ${outcome.left.message}`);
  else {
    const bad = outcome.right.find((item) => item.result !== 'ok' && item.result !== 'exists');
    if (bad !== undefined) fail(`${what}: item ${bad.index} (${bad.id}) -> ${bad.result} ${bad.detail ?? ''}`);
  }
};

const accountsOf = (ledger: string): string[] => crashAccounts.filter((account) => account.ledger === ledger).map((account) => account.id);

/** Batch `batch`: plain transfers, holds, posts and voids of earlier holds, and 3-leg journal entries. */
const batchItems = (batch: number, openHolds: string[]): unknown[] => {
  const random = seededRandom(batch);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const items: unknown[] = [];
  for (let index = 0; index < batchSizeOf(batch); index++) {
    const id = itemIdOf(batch, index);
    const roll = random();
    if (roll < 0.1 && openHolds.length > 0) {
      const pendingId = openHolds.splice(Math.floor(random() * openHolds.length), 1)[0] as string;
      const flags = random() < 0.6 ? { postPendingTransfer: true } : { voidPendingTransfer: true };
      items.push({ id, pendingId, code: 3, flags });
      continue;
    }
    const ledger = random() < 0.75 ? crashLedgers[0] : crashLedgers[1];
    const scale = ledger.asset.scale;
    const accounts = accountsOf(ledger.id);
    const minor = BigInt(1 + Math.floor(random() * 100_000));
    if (roll > 0.95 && accounts.length >= 3) {
      const [from, first, second] = [...accounts].sort(() => random() - 0.5) as [string, string, string];
      const part = minor / 3n + 1n;
      items.push({
        id,
        code: 4,
        legs: [
          { accountId: from, side: 'debit', amount: minorToDecimal(minor + part, scale) },
          { accountId: first, side: 'credit', amount: minorToDecimal(minor, scale) },
          { accountId: second, side: 'credit', amount: minorToDecimal(part, scale) },
        ],
      });
      continue;
    }
    const debitAccountId = pick(accounts);
    const creditAccountId = pick(accounts.filter((account) => account !== debitAccountId));
    const hold = roll > 0.85;
    items.push({
      id,
      debitAccountId,
      creditAccountId,
      amount: minorToDecimal(minor, scale),
      code: hold ? 3 : 1,
      ...(hold ? { flags: { pending: true } } : {}),
    });
  }
  return items;
};

/** One audit event per item of `batch`. */
const auditEvents = (batch: number): EventEnvelope<string, AuditData>[] =>
  Array.from({ length: batchSizeOf(batch) }, (_, index) => ({
    id: randomUUID(),
    type: auditEventType,
    version: 1,
    data: { batch, index },
    metadata: {
      correlationId: `batch-${batch}`,
      causationId: `batch-${batch}`,
      tenant: 'default',
      actor: 'crash-writer',
      channel: 'batch',
      occurredAt: new Date().toISOString(),
    },
  }));

const main = async (): Promise<void> => {
  const path = process.argv[2];
  if (path === undefined) return fail('usage: writer <dbPath>');
  const store = await createSqliteEventStore({ path });
  const book = await Book.open({ store, bookId: crashBookId, snapshotEvery: 40 });
  expectSuccess('defineLedgers', await book.defineLedgers(crashLedgers, { commandId: 'define-ledgers' }));
  expectSuccess('openAccounts', await book.openAccounts(crashAccounts, { commandId: 'open-accounts' }));

  // Continue after the last stored batch: batches are atomic, so the highest stored one is complete.
  let batch = 1;
  for (const id of book.bookState.postings.keys()) {
    const parsed = parseItemId(id);
    if (parsed !== undefined && parsed.batch >= batch) batch = parsed.batch + 1;
  }
  // A kill between the book batch and its audit leaves the last batch unaudited: audit it now.
  let auditRevision = await store.streamRevision(crashAuditStream);
  const appendAudit = async (of: number): Promise<void> => {
    auditRevision = (await store.append(crashAuditStream, auditEvents(of), auditRevision)).nextExpectedRevision;
  };
  const [lastAudit] = await store.readStream(crashAuditStream, { direction: 'backwards', maxCount: 1 });
  const audited = lastAudit === undefined ? 0 : (lastAudit.data as AuditData).batch;
  if (audited < batch - 2 || audited > batch - 1) fail(`audit stream at batch ${audited}, book at batch ${batch - 1}`);
  if (audited === batch - 2) await appendAudit(batch - 1);

  const openHolds = [...book.bookState.pendingStatus].flatMap(([id, status]) => (status === 'pending' ? [id] : []));
  say(`ready ${batch}`);
  for (;;) {
    const items = batchItems(batch, openHolds);
    expectSuccess(`batch ${batch}`, await book.createTransfers(items as never, { commandId: `batch-${batch}` }));
    for (const item of items as { id: string; flags?: { pending?: boolean } }[]) {
      if (item.flags?.pending === true) openHolds.push(item.id);
    }
    await appendAudit(batch);
    say(`ack ${batch}`);
    batch++;
  }
};

main().catch((error: unknown) => fail(`writer crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
