/**
 * Untimed setup of the close-of-business bench: N demand-deposit accounts, each opened and given
 * one deposit, written the way the product command handler writes them but in batches. Events come
 * from the real decider and carry the handler's ids and metadata; the ledger gets the handler's
 * objects (the customer account, a hold of the deposit with the handler's derived id and
 * reference, then its post), 10,000 to a book call instead of one command at a time. Only the
 * book's request ids (idempotency keys of the batched calls) and the order of the calls differ.
 * {@link checkAgainstHandler} proves the equality on a sample every time the suite runs.
 */
import * as E from 'fp-ts/lib/Either.js';
import { Book, commandFingerprint, encodeEvent, type EventEnvelope, type EventStore, type TransferInput } from '@ecoledger/ledger';
import {
  DEFAULT_CHART,
  DEMAND_DEPOSIT_PRODUCT,
  bankAccounts,
  bookPostingPort,
  createProductCommandHandler,
  demandChartRoles,
  demandDepositDecider,
  demandDepositProduct,
  demandDepositSchemas,
  demandLedgerEffects,
  holdItems,
  holdReference,
  placePostings,
  postItems,
  productEventId,
  type DemandDepositCommand,
  type DemandDepositEvent,
  type LedgerEffects,
  type PostingPort,
} from '@ecoledger/products';

/** The bench's product: 0.36 % ACT/360, credited quarterly on the 20th, accrual basis (one posting per account per day). */
export const benchProduct = demandDepositProduct({
  code: 'DD-CNY-BENCH',
  rates: [{ from: '2000-01-01', ratePercent: '0.36' }],
  dayCount: 'ACT/360',
  postingSchedule: { frequency: 'quarterly', day: 20 },
  accountingBasis: 'accrual',
  ledger: 'CNY',
  customerAccountCode: 2011,
  transferCodes: { deposit: 1001, withdrawal: 1002, interestAccrual: 1003, interestPayment: 1004, withholdingTax: 1005 },
});
export const benchDecider = demandDepositDecider(benchProduct);
const roles = demandChartRoles('CNY');
export const benchEffects = (event: DemandDepositEvent): LedgerEffects => demandLedgerEffects(benchProduct, event, roles);

/** The day the accounts are opened and funded; close of business runs from this day on. */
export const OPENED_ON = '2026-01-05';
const AT = '2026-01-05T09:30:00.000Z';
// 10,000.00 at 0.36 % earns 0.10 a day: every account gets a non-zero accrual posting.
const DEPOSIT = '10000.00';
const BATCH = 10_000;

/** Stream of the `i`-th bench contract. */
export const contractStream = (i: number): string => `deposit-demand-DD${String(i).padStart(7, '0')}`;
const contractIdOf = (stream: string): string => stream.slice('deposit-demand-'.length);

/** The commands that open and fund a bench account, with their command ids. */
export const fundingCommandsOf = (stream: string): { commandId: string; command: DemandDepositCommand }[] => {
  const contractId = contractIdOf(stream);
  return [
    {
      commandId: `open-${contractId}`,
      command: { type: 'Open', contractId, customerId: `cust-${contractId}`, kycReference: `kyc-${contractId}`, channel: 'app', accountClass: 'I', openedOn: OPENED_ON, at: AT },
    },
    { commandId: `deposit-${contractId}`, command: { type: 'Deposit', amount: DEPOSIT, source: 'cash', reference: `dep-${contractId}`, on: OPENED_ON, at: AT } },
  ];
};

const contextOf = (commandId: string) => ({ commandId, metadata: { correlationId: commandId, tenant: 'bank', actor: 'bench', channel: 'app' as const } });

/** A book with the CNY ledger and the bank's general-ledger accounts of the default chart. */
export const openBankBook = async (store: EventStore): Promise<{ book: Book; port: PostingPort }> => {
  const book = await Book.open({ store, clock: () => new Date(AT) });
  const ok = <T>(outcome: E.Either<unknown, T>): T => {
    if (E.isLeft(outcome)) throw new Error(`bench setup: the book refused: ${JSON.stringify(outcome.left)}`);
    return outcome.right;
  };
  ok(await book.defineLedgers([{ id: 'CNY', asset: { code: 'CNY', scale: 2 } }], { commandId: 'bench-ledgers' }));
  const port = bookPostingPort(book);
  const answer = await port.openAccounts(bankAccounts('CNY', DEFAULT_CHART), { commandId: 'bench-bank-accounts' });
  if (answer.requestError !== undefined || answer.results.some((r) => r.result !== 'ok')) throw new Error('bench setup: the bank accounts were refused');
  return { book, port };
};

/** One contract's envelopes and ledger items, exactly as the handler derives them. */
const contractWrites = (stream: string) => {
  let state = benchDecider.initialState();
  const envelopes: EventEnvelope[] = [];
  const accounts: LedgerEffects['accounts'][number][] = [];
  const holds: TransferInput[] = [];
  const posts: TransferInput[] = [];
  for (const { commandId, command } of fundingCommandsOf(stream)) {
    const decision = benchDecider.decide(command, state);
    if (E.isLeft(decision)) throw decision.left;
    const first = BigInt(envelopes.length);
    for (const [index, event] of decision.right.entries()) {
      const eventId = productEventId(stream, commandId, index);
      const effects = benchEffects(event);
      accounts.push(...effects.accounts);
      const placed = placePostings({ stream, revision: first + BigInt(index), commandId, eventId }, effects.postings);
      // The handler's holds (pending, no timeout, referencing the command's first revision) and their posts.
      holds.push(...holdItems(placed, holdReference(stream, first)));
      posts.push(...postItems(placed));
      const { metadata } = contextOf(commandId);
      envelopes.push(
        encodeEvent(demandDepositSchemas, event, {
          id: eventId,
          metadata: { ...metadata, causationId: commandId, occurredAt: AT, commandId, requestHash: commandFingerprint(command) },
        }),
      );
      state = benchDecider.evolve(state, event);
    }
  }
  return { envelopes, accounts, holds, posts };
};

/** Opens and funds `streams` in batches of 10,000 (see the module comment). */
export const openFundedAccounts = async (store: EventStore, book: Book, port: PostingPort, streams: readonly string[]): Promise<void> => {
  for (let start = 0; start < streams.length; start += BATCH) {
    const writes = streams.slice(start, start + BATCH).map((stream) => ({ stream, ...contractWrites(stream) }));
    const checked = (what: string, outcome: E.Either<unknown, readonly { result: string }[]>) => {
      const failed = E.isLeft(outcome) ? JSON.stringify(outcome.left) : outcome.right.find((r) => r.result !== 'ok')?.result;
      if (failed !== undefined) throw new Error(`bench setup: ${what} refused: ${failed}`);
    };
    const opened = await port.openAccounts(writes.flatMap((w) => w.accounts), { commandId: `bench-accounts-${start}` });
    checked('accounts', opened.requestError === undefined ? E.right(opened.results) : E.left(opened.requestError));
    checked('holds', await book.createTransfers(writes.flatMap((w) => w.holds), { commandId: `bench-holds-${start}` }));
    await store.appendMany(writes.map((w) => ({ stream: w.stream, events: w.envelopes, expectedRevision: 'no_stream' as const })));
    checked('posts', await book.createTransfers(writes.flatMap((w) => w.posts), { commandId: `bench-posts-${start}` }));
  }
};

const transferFields = (record: unknown) => {
  const { id, debitAccountId, creditAccountId, amount, ledger, code, userData, flags, pendingId } = record as Record<string, unknown>;
  return JSON.stringify({ id, debitAccountId, creditAccountId, amount, ledger, code, userData, flags, pendingId });
};

/**
 * Opens `count` accounts both ways (the real handler, one command at a time; and the batched
 * setup) in two fresh stores and compares their events (all but the instant recorded) and the
 * ledger objects. @throws when anything differs.
 */
export const checkAgainstHandler = async (makeStore: () => EventStore, count: number): Promise<void> => {
  const streams = Array.from({ length: count }, (_, i) => contractStream(i));
  const real = makeStore();
  const realBook = await openBankBook(real);
  const handler = createProductCommandHandler({ store: real, port: realBook.port, decider: benchDecider, schemas: demandDepositSchemas, effects: benchEffects, clock: () => new Date(AT) });
  for (const stream of streams) {
    for (const { commandId, command } of fundingCommandsOf(stream)) {
      const outcome = await handler(stream, command, contextOf(commandId));
      if (E.isLeft(outcome)) throw new Error(`bench check: the handler refused ${commandId}: ${String(outcome.left)}`);
    }
  }
  const fast = makeStore();
  const fastBook = await openBankBook(fast);
  await openFundedAccounts(fast, fastBook.book, fastBook.port, streams);
  const eventsOf = async (store: EventStore, stream: string) =>
    JSON.stringify((await store.readStream(stream)).map(({ id, type, version, data, metadata, revision }) => ({ id, type, version, data, metadata, revision: String(revision) })));
  for (const stream of streams) {
    if ((await eventsOf(real, stream)) !== (await eventsOf(fast, stream))) throw new Error(`bench check: ${stream} differs from the handler's`);
    for (const { holds, posts, accounts } of [contractWrites(stream)]) {
      for (const item of [...holds, ...posts]) {
        if (transferFields(await realBook.book.findTransfer(item.id)) !== transferFields(await fastBook.book.findTransfer(item.id))) throw new Error(`bench check: transfer ${item.id} differs`);
      }
      for (const account of accounts) {
        if (JSON.stringify(realBook.book.account(account.id)) !== JSON.stringify(fastBook.book.account(account.id))) throw new Error(`bench check: account ${account.id} differs`);
      }
    }
  }
  for (const bank of bankAccounts('CNY', DEFAULT_CHART)) {
    if (JSON.stringify(realBook.book.account(bank.id)) !== JSON.stringify(fastBook.book.account(bank.id))) throw new Error(`bench check: bank account ${bank.id} differs`);
  }
};

export { DEMAND_DEPOSIT_PRODUCT };
