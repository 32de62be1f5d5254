/**
 * "A bank's day": the first ecoledger scenario. A bank opens its books, takes a cash deposit,
 * moves money between customers, places and settles a card hold, collects an online payment
 * with a fee as one multi-leg journal entry, refuses an overdraft, and reverses a mis-sent
 * transfer. It prints statements and a trial balance, then checks the ledger's invariants:
 * the trial balance sums to zero per asset, the read model agrees with the book, and replaying
 * the stored events rebuilds exactly the live state.
 */
import {
  Book,
  createInMemoryEventStore,
  decimalToMinor,
  transientResultCodes,
  LedgerReadModel,
  type EventStore,
  type ItemResult,
  type LedgerError,
  type LedgerResultCode,
  type AccountBalance,
  type AccountStatement,
  type Page,
  type PageRequest,
} from '@ecoledger/ledger';
import * as E from 'fp-ts/lib/Either.js';
import { refusal, stepLines, statementLines, trialBalanceLines } from './bankDayReport.js';
import { checkBook, type AssetTotals } from './scenarios/bookChecks.js';

/** Options of {@link runBankDay}. */
export interface BankDayOptions {
  /** The store to run on (default: a fresh in-memory store). */
  readonly store?: EventStore;
  /** Where lines go (default: collected only). */
  readonly print?: (line: string) => void;
  /** Book id (default `demo`). */
  readonly bookId?: string;
}

/** What the scenario found. */
export interface BankDayReport {
  /** Every invariant held. */
  readonly ok: boolean;
  /** Invariants that failed, in words. */
  readonly failures: readonly string[];
  readonly lines: readonly string[];
  /** Per asset code: total posted debits and credits (equal when the books balance). */
  readonly trialBalance: Readonly<Record<string, AssetTotals>>;
}

const LEDGER = 'cny';
const BUSINESS_DAY = '2026-01-05';
const ACCOUNTS = [
  { id: 'vault-cash', code: 1001, type: 'asset', name: 'Vault cash' },
  { id: 'pboc-reserve', code: 1003, type: 'asset', name: 'Reserve at the central bank' },
  { id: 'alice', code: 2011, type: 'liability', name: 'Alice, demand deposit', guarded: true },
  { id: 'bob', code: 2011, type: 'liability', name: 'Bob, demand deposit', guarded: true, overdraftLimit: '500.00' },
  { id: 'merchant-shop', code: 2012, type: 'liability', name: 'Online shop, settlement account', guarded: true },
  { id: 'fee-income', code: 6021, type: 'income', name: 'Payment fee income' },
] as const;

/**
 * Every item of a paged list, page by page: lists that grow with the business (accounts, statement
 * lines) are read in pages of at most {@link PAGE_SIZE}, never in one unbounded call.
 */
function* walkPages<T>(read: (page: PageRequest) => Page<T>): Generator<T> {
  let after: string | undefined;
  do {
    const page = read(after === undefined ? { limit: PAGE_SIZE } : { limit: PAGE_SIZE, after });
    yield* page.items;
    after = page.nextCursor;
  } while (after !== undefined);
}

/** Page size of the demo's reads: small, so that even its short statements span several pages. */
const PAGE_SIZE = 4;

/** Every account of the book, read page by page. */
const accountsOf = (book: Book): AccountBalance[] => [...walkPages((page) => book.accountsPage(page))];

/**
 * An account's statement, read page by page: the opening balance of the first page, every line,
 * the closing balance of the last page; `undefined` if the account was never opened.
 */
const statementOf = (model: LedgerReadModel, accountId: string): AccountStatement | undefined => {
  const first = model.statementPage(accountId, {}, { limit: PAGE_SIZE });
  if (first === undefined) return undefined;
  let last = first;
  const lines = [...first.lines];
  while (last.nextCursor !== undefined) {
    const next = model.statementPage(accountId, {}, { limit: PAGE_SIZE, after: last.nextCursor });
    if (next === undefined) break;
    lines.push(...next.lines);
    last = next;
  }
  const { nextCursor: _cursor, ...statement } = first;
  return { ...statement, lines, closingBalance: last.closingBalance, closingPending: last.closingPending };
};

/** A fixed-step clock so that every run prints the same timestamps. */
const steppingClock = (start: string, stepMs: number) => {
  let now = Date.parse(start);
  return () => {
    now += stepMs;
    return new Date(now);
  };
};

/** Runs the scenario; never throws for a business rejection, only for broken infrastructure. */
export const runBankDay = async (options: BankDayOptions = {}): Promise<BankDayReport> => {
  const store = options.store ?? createInMemoryEventStore();
  const lines: string[] = [];
  const failures: string[] = [];
  const say = (line = '') => {
    lines.push(line);
    options.print?.(line);
  };
  const book = await Book.open({
    store,
    bookId: options.bookId ?? 'demo',
    clock: steppingClock(`${BUSINESS_DAY}T09:00:00.000Z`, 60_000),
    defaults: { tenant: 'eco-bank', actor: 'demo', channel: 'branch' },
  });

  const step = async (title: string, run: () => Promise<E.Either<LedgerError, readonly ItemResult[]>>) => {
    const outcome = await run();
    if (E.isLeft(outcome)) {
      say(`  ${title}: refused: ${refusal(outcome.left.code)}`);
      return outcome.left.results;
    }
    for (const line of stepLines(title, outcome.right)) say(line);
    return outcome.right;
  };
  const expect = (results: readonly ItemResult[], expected: readonly string[], what: string) => {
    const actual = results.map((r) => r.result);
    // A second run on a durable store finds everything already there: `exists` is the same outcome
    // as `ok`, and an id that failed transiently stays failed (`id_already_failed`). As in
    // TigerBeetle, an item that answers `exists` fails its linked chain, so the rest of a stored
    // chain answers `linked_event_failed`.
    const chainStored = actual.includes('exists');
    const same =
      actual.length === expected.length &&
      actual.every((r, i) => {
        const wanted = expected[i]!;
        return (
          r === wanted ||
          (r === 'exists' && wanted === 'ok') ||
          (r === 'linked_event_failed' && wanted === 'ok' && chainStored) ||
          (r === 'id_already_failed' && transientResultCodes.has(wanted as LedgerResultCode))
        );
      });
    if (!same) failures.push(`${what}: expected ${expected.join(', ')}, got ${actual.join(', ')}`);
  };

  say("ecoledger demo: a bank's day on the double-entry ledger");
  say(`Book "${options.bookId ?? 'demo'}", ledger ${LEDGER} (asset CNY, 2 decimals), business day ${BUSINESS_DAY}; times are UTC (ISO 8601, Z).`);
  say('Every balance shows its side: Dr (debit) or Cr (credit), the same in statements and in the trial balance.');
  say('');
  expect(await step('define ledger CNY', () => book.defineLedgers([{ id: LEDGER, asset: { code: 'CNY', scale: 2 } }])), ['ok'], 'define ledger');
  expect(
    await step('open accounts', () =>
      book.openAccounts(
        ACCOUNTS.map((a) => ({
          id: a.id,
          ledger: LEDGER,
          code: a.code,
          type: a.type,
          tenant: 'eco-bank',
          metadata: { name: a.name },
          ...('guarded' in a ? { flags: { debitsMustNotExceedCredits: true } } : {}),
          ...('overdraftLimit' in a ? { overdraftLimit: a.overdraftLimit } : {}),
        })),
      ),
    ),
    ACCOUNTS.map(() => 'ok'),
    'open accounts',
  );
  expect(
    await step('cash deposit 10,000.00 to Alice', () =>
      book.createTransfers([{ id: 'dep-001', debitAccountId: 'vault-cash', creditAccountId: 'alice', amount: '10000.00', code: 1, userData: 'teller 7' }]),
    ),
    ['ok'],
    'deposit',
  );
  expect(
    await step('Alice pays Bob 2,500.00 in the app', () =>
      book.createTransfers([{ id: 'trf-001', debitAccountId: 'alice', creditAccountId: 'bob', amount: '2500.00', code: 2 }], { channel: 'app' }),
    ),
    ['ok'],
    'transfer',
  );
  expect(
    await step('card hold 300.00 at the online shop', () =>
      book.createTransfers(
        [{ id: 'hold-001', debitAccountId: 'alice', creditAccountId: 'merchant-shop', amount: '300.00', code: 3, timeout: 7 * 24 * 3600, flags: { pending: true } }],
        { channel: 'partner-api' },
      ),
    ),
    ['ok'],
    'hold',
  );
  expect(
    await step('shop captures 280.00 of the hold', () =>
      book.createTransfers([{ id: 'capture-001', pendingId: 'hold-001', amount: '280.00', code: 3, flags: { postPendingTransfer: true } }], {
        channel: 'partner-api',
      }),
    ),
    ['ok'],
    'capture',
  );
  expect(
    await step('hotel pre-authorisation 150.00 on Alice\'s card (still open at day end)', () =>
      book.createTransfers(
        [{ id: 'hold-002', debitAccountId: 'alice', creditAccountId: 'merchant-shop', amount: '150.00', code: 3, timeout: 3 * 24 * 3600, flags: { pending: true } }],
        { channel: 'partner-api' },
      ),
    ),
    ['ok'],
    'open hold',
  );
  expect(
    await step('Bob pays the shop 1,000.00 plus a 2.50 fee (one journal entry)', () =>
      book.createTransfers([
        {
          id: 'pay-001',
          code: 4,
          userData: 'order 8812',
          legs: [
            { accountId: 'bob', side: 'debit', amount: '1002.50' },
            { accountId: 'merchant-shop', side: 'credit', amount: '1000.00' },
            { accountId: 'fee-income', side: 'credit', amount: '2.50' },
          ],
        },
      ]),
    ),
    ['ok'],
    'journal entry',
  );
  expect(
    await step('Alice tries to send 50,000.00 (more than she has)', () =>
      book.createTransfers([{ id: 'trf-002', debitAccountId: 'alice', creditAccountId: 'bob', amount: '50000.00', code: 2 }]),
    ),
    ['exceeds_credits'],
    'overdraft rejection',
  );
  expect(
    await step('Bob overdraws into his 500.00 limit', () =>
      book.createTransfers([{ id: 'trf-003', debitAccountId: 'bob', creditAccountId: 'alice', amount: '1800.00', code: 2 }]),
    ),
    ['ok'],
    'overdraft within limit',
  );
  expect(
    await step('the 2,500.00 payment was mis-sent: reverse it', () => book.createTransfers([{ id: 'rev-001', reverses: 'trf-001', userData: 'customer complaint 31' }])),
    ['exceeds_credits'],
    'reversal refused while Bob lacks the funds',
  );
  expect(
    await step('Bob pays in 2,500.00 cash, linked with the reversal: both or neither', () =>
      book.createTransfers([
        { id: 'dep-002', debitAccountId: 'vault-cash', creditAccountId: 'bob', amount: '2500.00', code: 1, flags: { linked: true } },
        { id: 'rev-002', reverses: 'trf-001', userData: 'customer complaint 31' },
      ]),
    ),
    ['ok', 'ok'],
    'linked deposit + reversal',
  );
  expect(
    await step('the same reversal again', () => book.createTransfers([{ id: 'rev-003', reverses: 'trf-001' }])),
    ['transfer_already_reversed'],
    'second reversal',
  );
  expect(
    await step('vault cash swept to the central bank reserve', () =>
      book.createTransfers([{ id: 'sweep-001', debitAccountId: 'pboc-reserve', creditAccountId: 'vault-cash', amount: '5000.00', code: 9 }]),
    ),
    ['ok'],
    'sweep',
  );

  // Read models from the stored events, exactly as a separate reporting process would build them.
  const model = new LedgerReadModel({ streams: (name) => name === book.streamName });
  model.applyAll(await store.readStream(book.streamName));

  say('');
  for (const id of ['alice', 'bob', 'merchant-shop']) {
    const statement = statementOf(model, id);
    const account = ACCOUNTS.find((a) => a.id === id)!;
    if (statement === undefined) {
      failures.push(`no statement for ${id}`);
      continue;
    }
    for (const line of statementLines(account.name, account.type, statement, book.account(id))) say(line);
    say('');
  }

  const check = await checkBook(store, book);
  for (const asset of check.trialBalance.assets) for (const line of trialBalanceLines(asset)) say(line);
  failures.push(...check.failures);
  say('');
  if (failures.length === 0) say('All invariants hold: debits = credits, read model = book, replay = live state.');
  else for (const failure of failures) say(`INVARIANT FAILED: ${failure}`);
  return { ok: failures.length === 0, failures, lines, trialBalance: check.totals };
};
