/**
 * Exactly-once under retries, on every durable store: two writers racing with one command id, a
 * lost acknowledgement retried with the same and with a different body, and appends that fail
 * before reaching the store. After each, a book reloaded from the store equals the live one, no
 * guard is breached and the hash chain verifies.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../eventStore/eventStore.js';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { createPostgresEventStore } from '../eventStore/postgres/index.js';
import { createSqliteEventStore } from '../eventStore/sqlite/index.js';
import { describePostgres, postgresTestSchema } from '../testing/postgresTestDatabase.js';
import { faultyEventStore, InjectedFaultError } from '../testing/faultyEventStore.js';
import { Book } from './book.js';
import type { LedgerError } from './ledgerError.js';
import type { ItemResult } from './ledgerError.js';
import { verifyLedgerStore } from './verifyLedger.js';

/** One store under test, and a second connection to the same storage for a second writer. */
interface StoreSubject {
  readonly store: EventStore;
  readonly secondConnection: () => Promise<EventStore>;
  readonly teardown: () => Promise<void>;
}

const memory = async (): Promise<StoreSubject> => {
  const store = createInMemoryEventStore();
  return { store, secondConnection: async () => store, teardown: () => store.close() };
};

const sqlite = async (): Promise<StoreSubject> => {
  const dir = await mkdtemp(join(tmpdir(), 'ecoledger-exactly-once-'));
  const store = await createSqliteEventStore({ path: join(dir, 'events.db') });
  const others: EventStore[] = [];
  return {
    store,
    // One database object per file and process (see the SQLite adapter), two stores over it.
    secondConnection: async () => {
      const other = await createSqliteEventStore({ database: store.database });
      others.push(other);
      return other;
    },
    teardown: async () => {
      for (const other of others) await other.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};

const postgres = async (): Promise<StoreSubject> => {
  const { connectionString, schema, drop } = await postgresTestSchema();
  const store = await createPostgresEventStore({ connectionString, schema });
  const others: EventStore[] = [];
  return {
    store,
    secondConnection: async () => {
      const other = await createPostgresEventStore({ connectionString, schema });
      others.push(other);
      return other;
    },
    teardown: async () => {
      for (const other of others) await other.close();
      await store.close();
      await drop();
    },
  };
};

const instantRetry = { maxAttempts: 5, baseDelayMs: 1, jitter: () => 0.5, sleep: async () => {} };
const fixedClock = () => new Date('2026-03-01T09:00:00.000Z');

type Outcome = E.Either<LedgerError, readonly ItemResult[]>;
const codes = (outcome: Outcome): string | string[] => (E.isLeft(outcome) ? outcome.left.code : outcome.right.map((r) => r.result));

const move = (id: string, to: string, amount = '100.00') => ({ id, debitAccountId: 'alice', creditAccountId: to, amount, code: 2 });

/** A book with alice funded 100.00 (alice, bob and carol may not go below zero). */
const fundedBook = async (store: EventStore, clock?: () => Date): Promise<Book> => {
  const book = await Book.open({ store, retry: instantRetry, ...(clock === undefined ? {} : { clock }) });
  await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }], { commandId: 'setup-ledgers' });
  const guarded = { debitsMustNotExceedCredits: true };
  await book.openAccounts(
    [
      { id: 'cash', ledger: 'cny', code: 1001, type: 'asset' },
      { id: 'alice', ledger: 'cny', code: 2011, type: 'liability', flags: guarded },
      { id: 'bob', ledger: 'cny', code: 2011, type: 'liability', flags: guarded },
      { id: 'carol', ledger: 'cny', code: 2011, type: 'liability', flags: guarded },
    ],
    { commandId: 'setup-accounts' },
  );
  await book.createTransfers([{ id: 'fund', debitAccountId: 'cash', creditAccountId: 'alice', amount: '100.00', code: 1 }], { commandId: 'setup-fund' });
  return book;
};

/** Reloads from the store and checks it against the live book; verifies chain and guards. */
const expectStoredEqualsLive = async (store: EventStore, ...live: Book[]): Promise<Book> => {
  const reloaded = await Book.open({ store });
  for (const book of live) {
    await book.refresh();
    expect(book.accounts()).toEqual(reloaded.accounts());
    expect([...book.bookState.commands].sort()).toEqual([...reloaded.bookState.commands].sort());
    expect(book.currentRevision).toBe(reloaded.currentRevision);
  }
  const report = await verifyLedgerStore(store);
  expect(report.problem).toBeUndefined();
  expect(report.ok).toBe(true);
  return reloaded;
};

const stores: readonly [string, () => Promise<StoreSubject>][] = [
  ['in-memory', memory],
  ['sqlite', sqlite],
];

const describeExactlyOnce = (name: string, open: () => Promise<StoreSubject>): void => {
  describe(`exactly once (${name})`, () => {
    const subjects: StoreSubject[] = [];
    const subject = async (): Promise<StoreSubject> => {
      const opened = await open();
      subjects.push(opened);
      return opened;
    };
    afterEach(async () => {
      for (const opened of subjects.splice(0)) await opened.teardown();
    });

    it('a stale writer reusing a command id with another body is told command_id_reused, and never decides on a state the store does not hold', async () => {
      const { store, secondConnection } = await subject();
      const first = await fundedBook(store);
      const second = await Book.open({ store: await secondConnection(), retry: instantRetry });
      expect(codes(await first.createTransfers([move('p1', 'bob')], { commandId: 'cmd-race' }))).toEqual(['ok']);
      // `second` is behind: its event ids for cmd-race at this revision are the ones `first` used.
      expect(codes(await second.createTransfers([move('p2', 'carol')], { commandId: 'cmd-race' }))).toBe('command_id_reused');
      expect(second.transfer('p2')).toBeUndefined();
      expect(second.account('alice')?.balance).toBe('0.00');
      // Deciding on: alice has nothing left, whoever asks.
      expect(codes(await second.createTransfers([move('p3', 'carol')], { commandId: 'cmd-next' }))).toEqual(['exceeds_credits']);
      const reloaded = await expectStoredEqualsLive(store, first, second);
      expect(reloaded.account('alice')?.balance).toBe('0.00');
      expect(reloaded.account('bob')?.balance).toBe('100.00');
      expect(reloaded.account('carol')?.balance).toBe('0.00');
    });

    it('one command id used in two books of one store: each book stores its own request (event ids are per book)', async () => {
      const { store } = await subject();
      const ledgers = [{ id: 'cny', asset: { code: 'CNY', scale: 2 } }];
      const a = await Book.open({ store, bookId: 'tenant-a' });
      const b = await Book.open({ store, bookId: 'tenant-b' });
      expect(codes(await a.defineLedgers(ledgers, { commandId: 'setup' }))).toEqual(['ok']);
      expect(codes(await b.defineLedgers(ledgers, { commandId: 'setup' }))).toEqual(['ok']);
      const [eventA] = await store.readStream(a.streamName);
      const [eventB] = await store.readStream(b.streamName);
      expect(eventA!.id).not.toBe(eventB!.id);
      expect((await Book.open({ store, bookId: 'tenant-b' })).bookState.ledgers.has('cny')).toBe(true);
    });

    it('two writers racing with one command id and different bodies: one wins, the other is told command_id_reused', async () => {
      const { store, secondConnection } = await subject();
      const first = await fundedBook(store);
      const second = await Book.open({ store: await secondConnection(), retry: instantRetry });
      const outcomes = await Promise.all([
        first.createTransfers([move('p1', 'bob')], { commandId: 'cmd-race' }),
        second.createTransfers([move('p2', 'carol')], { commandId: 'cmd-race' }),
      ]);
      expect(outcomes.map(codes).map(String).sort()).toEqual(['command_id_reused', 'ok']);
      const reloaded = await expectStoredEqualsLive(store, first, second);
      expect(reloaded.account('alice')?.balance).toBe('0.00');
      expect(BigInt(reloaded.account('bob')!.balance.replace('.', '')) + BigInt(reloaded.account('carol')!.balance.replace('.', ''))).toBe(10_000n);
    });

    it('two writers racing with one command id and the same body: it is stored once, the loser decides on the true state', async () => {
      const { store, secondConnection } = await subject();
      const first = await fundedBook(store);
      const second = await Book.open({ store: await secondConnection(), retry: instantRetry });
      const outcomes = await Promise.all([
        first.createTransfers([move('p1', 'bob')], { commandId: 'cmd-same' }),
        second.createTransfers([move('p1', 'bob')], { commandId: 'cmd-same' }),
      ]);
      // The loser is either a replay of identical content (same clock reading) or decided again: exists.
      for (const outcome of outcomes) expect(['ok', 'exists']).toContain(codes(outcome)[0]);
      const reloaded = await expectStoredEqualsLive(store, first, second);
      expect(reloaded.account('bob')?.balance).toBe('100.00');
      expect(reloaded.account('alice')?.balance).toBe('0.00');
    });

    it('a lost acknowledgement is settled by re-reading the stream: the call succeeds once; a retry answers exists, another body command_id_reused', async () => {
      const { store } = await subject();
      const faulty = faultyEventStore(store);
      const book = await fundedBook(faulty);
      faulty.faults.inject({ operation: 'append', when: 'after' });
      expect(codes(await book.createTransfers([move('p1', 'bob')], { commandId: 'cmd-lost' }))).toEqual(['ok']);
      expect(faulty.faults.triggered()).toBe(1);
      expect(codes(await book.createTransfers([move('p1', 'bob')], { commandId: 'cmd-lost' }))).toEqual(['exists']);
      expect(codes(await book.createTransfers([move('p9', 'carol')], { commandId: 'cmd-lost' }))).toBe('command_id_reused');
      const reloaded = await expectStoredEqualsLive(store, book);
      expect(reloaded.account('bob')?.balance).toBe('100.00');
      expect(reloaded.transfer('p9')).toBeUndefined();
    });

    it('a lost acknowledgement retried after a period close: another body is command_id_reused, never ok; the same body exists', async () => {
      const { store } = await subject();
      const faulty = faultyEventStore(store);
      const book = await fundedBook(faulty);
      faulty.faults.inject({ operation: 'append', when: 'after' });
      expect(codes(await book.createTransfers([move('p1', 'bob')], { commandId: 'cmd-lost' }))).toEqual(['ok']);
      expect(E.isRight(await book.closePeriod())).toBe(true);
      expect(codes(await book.createTransfers([move('p9', 'carol')], { commandId: 'cmd-lost' }))).toBe('command_id_reused');
      expect(codes(await book.createTransfers([move('p1', 'bob')], { commandId: 'cmd-lost' }))).toEqual(['exists']);
      const reloaded = await expectStoredEqualsLive(store, book);
      expect(reloaded.account('carol')?.balance).toBe('0.00');
      expect(reloaded.account('bob')?.balance).toBe('100.00');
    });

    it('a lost acknowledgement whose re-read fails too: the call rejects, the book stays stale and catches up before deciding again', async () => {
      const { store } = await subject();
      const faulty = faultyEventStore(store);
      // A fixed clock: a retry decided on the stale state would carry exactly the stored content.
      const book = await fundedBook(faulty, fixedClock);
      faulty.faults.inject({ operation: 'append', when: 'after' });
      faulty.faults.inject({ operation: 'readStream' });
      await expect(book.createTransfers([move('p1', 'bob')], { commandId: 'cmd-lost' })).rejects.toBeInstanceOf(InjectedFaultError);
      // Retried with the same body: the book first catches up, so the item is known.
      expect(codes(await book.createTransfers([move('p1', 'bob')], { commandId: 'cmd-lost' }))).toEqual(['exists']);
      const reloaded = await expectStoredEqualsLive(store, book);
      expect(reloaded.account('bob')?.balance).toBe('100.00');
    });

    it('a lost acknowledgement whose re-read fails, retried with a different body: command_id_reused, never ok', async () => {
      const { store } = await subject();
      const faulty = faultyEventStore(store);
      const book = await fundedBook(faulty, fixedClock);
      faulty.faults.inject({ operation: 'append', when: 'after' });
      faulty.faults.inject({ operation: 'readStream' });
      await expect(book.createTransfers([move('p1', 'bob')], { commandId: 'cmd-lost' })).rejects.toBeInstanceOf(InjectedFaultError);
      expect(codes(await book.createTransfers([move('p2', 'carol')], { commandId: 'cmd-lost' }))).toBe('command_id_reused');
      expect(book.transfer('p2')).toBeUndefined();
      const reloaded = await expectStoredEqualsLive(store, book);
      expect(reloaded.account('carol')?.balance).toBe('0.00');
      expect(reloaded.account('bob')?.balance).toBe('100.00');
    });

    it('an append that fails before reaching the store rejects, applies nothing, and a retry writes the request once', async () => {
      const { store } = await subject();
      const faulty = faultyEventStore(store);
      const book = await fundedBook(faulty);
      const revision = book.currentRevision;
      faulty.faults.inject({ operation: 'append', when: 'before' });
      await expect(book.createTransfers([move('p1', 'bob')], { commandId: 'cmd-1' })).rejects.toBeInstanceOf(InjectedFaultError);
      expect(book.currentRevision).toBe(revision);
      expect(book.account('bob')?.balance).toBe('0.00');
      expect(codes(await book.createTransfers([move('p1', 'bob')], { commandId: 'cmd-1' }))).toEqual(['ok']);
      const reloaded = await expectStoredEqualsLive(store, book);
      expect(reloaded.account('bob')?.balance).toBe('100.00');
    });

    it('an append of unknown outcome while another writer appended: the call rejects, and the book holds what the store holds', async () => {
      const { store, secondConnection } = await subject();
      const faulty = faultyEventStore(store);
      const book = await fundedBook(faulty);
      const other = await Book.open({ store: await secondConnection(), retry: instantRetry });
      // The other writer's append lands, then ours fails before reaching the store.
      faulty.faults.inject({
        operation: 'append',
        when: 'before',
        error: () => new Error('connection reset'),
      });
      expect(codes(await other.createTransfers([move('o1', 'carol', '60.00')], { commandId: 'cmd-other' }))).toEqual(['ok']);
      await expect(book.createTransfers([move('p1', 'bob')], { commandId: 'cmd-1' })).rejects.toThrow('connection reset');
      expect(book.account('carol')?.balance).toBe('60.00');
      expect(book.account('bob')?.balance).toBe('0.00');
      // Decided on the true state now: only 40.00 left.
      expect(codes(await book.createTransfers([move('p1', 'bob')], { commandId: 'cmd-1' }))).toEqual(['exceeds_credits']);
      await expectStoredEqualsLive(store, book, other);
    });
  });
};

for (const [name, open] of stores) describeExactlyOnce(name, open);
describePostgres('exactly once on PostgreSQL', () => describeExactlyOnce('postgres', postgres));
