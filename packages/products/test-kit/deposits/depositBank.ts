/**
 * A small online bank for end-to-end deposit tests: one book with the CNY ledger and the default
 * chart's general-ledger accounts, a demand-deposit and a time-deposit product with realistic
 * data, their REAL command handlers (hold, record, post) over one shared posting port, and close
 * of business for each product. Contracts post to the accounts the default chart binding gives
 * them (`demand-deposit:<id>:customer`, `gl.CNY.interest-payable`, ...).
 *
 * Money between a customer's demand account and a time deposit goes through internal clearing: a
 * placement is a demand withdrawal to `bound_account` plus `Place`; a payout is the time deposit's
 * settlement plus a demand deposit from `bound_account`. Done in full, clearing nets to zero.
 */
import * as E from 'fp-ts/lib/Either.js';
import { Book, createInMemoryEventStore, decimalToMinor, decodeEvent, foldState, type CommandContext, type Decider, type DomainEvent, type EventSchemas, type EventStore, type ItemResult, type LedgerError } from '@ecoledger/ledger';
import { bankAccountId, contractAccountId } from '../../src/chart/accountIds.js';
import { DEMAND_DEPOSIT_PRODUCT, TIME_DEPOSIT_PRODUCT } from '../../src/deposits/chartRoles.js';
import { demandDepositProduct, type DemandDepositProductInput } from '../../src/deposits/demand/product.js';
import { DEMAND_STREAM_PREFIX, TIME_STREAM_PREFIX, depositService, setUpDepositBook, timeDepositCobCommands, type DepositProductWiring, type DepositService } from '../../src/deposits/depositService.js';
import { timeDepositProduct } from '../../src/deposits/time/product.js';
import { POSTING_ATTEMPT_ABANDONED } from '../../src/posting/abandonedAttempt.js';
import type { PostingPort } from '../../src/posting/postingPort.js';

/** The bank's one ledger: yuan in fen. */
export const BANK_LEDGER = 'CNY';
/** Streams of demand accounts and time deposits: the prefix, then the contract id. */
export { DEMAND_STREAM_PREFIX, TIME_STREAM_PREFIX };
export const demandStreamOf = (contractId: string): string => `${DEMAND_STREAM_PREFIX}${contractId}`;
export const timeStreamOf = (contractId: string): string => `${TIME_STREAM_PREFIX}${contractId}`;

/** Ledger ids: a demand account's, a time deposit's, a general-ledger account's (`interest-payable`). */
export const demandAccountOf = (contractId: string): string => contractAccountId(DEMAND_DEPOSIT_PRODUCT, contractId, 'customer');
export const timeAccountOf = (contractId: string): string => contractAccountId(TIME_DEPOSIT_PRODUCT, contractId, 'customer');
export const glAccountOf = (name: string): string => bankAccountId(BANK_LEDGER, name);

/**
 * A savings product as a Chinese bank prices it: the PBoC benchmark demand rate 0.35 % ACT/360,
 * interest credited on the 20th of Mar/Jun/Sep/Dec, accrual accounting, default class limits,
 * 20 % withheld (the pre-2008 interest tax: it exercises the tax legs). Codes of the default chart.
 */
export const bankDemandProductInput: DemandDepositProductInput = {
  code: 'DD-CNY-SAVINGS',
  rates: [{ from: '2015-10-24', ratePercent: '0.35' }],
  dayCount: 'ACT/360',
  postingSchedule: { frequency: 'quarterly', day: 20 },
  accountingBasis: 'accrual',
  withholdingTaxPercent: '20',
  ledger: BANK_LEDGER,
  customerAccountCode: 2011,
  transferCodes: { deposit: 1001, withdrawal: 1002, interestAccrual: 1003, interestPayment: 1004, withholdingTax: 1005 },
};

/** Time deposits at the PBoC benchmark rates (3 months 1.10 % .. 5 years 2.75 %), demand 0.35 %, ACT/365, accrual accounting. */
export const bankTimeProductInput = {
  code: 'TD-CNY-FIXED',
  ledger: BANK_LEDGER,
  depositAccountCode: 2012,
  terms: [
    { months: 3, rates: [{ from: '2015-10-24', ratePercent: '1.10' }] },
    { months: 6, rates: [{ from: '2015-10-24', ratePercent: '1.30' }] },
    { months: 12, rates: [{ from: '2015-10-24', ratePercent: '1.50' }] },
    { months: 24, rates: [{ from: '2015-10-24', ratePercent: '2.10' }] },
    { months: 36, rates: [{ from: '2015-10-24', ratePercent: '2.75' }] },
    { months: 60, rates: [{ from: '2015-10-24', ratePercent: '2.75' }] },
  ],
  demandRates: [{ from: '2015-10-24', ratePercent: '0.35' }],
  dayCount: 'ACT/365',
  minimumPrincipal: '50.00',
  minimumRemainingPrincipal: '50.00',
  maxPartialWithdrawals: 1,
  accountingBasis: 'accrual',
  withholdingTaxPercent: '20',
  transferCodes: { place: 2001, interest: 2002, payout: 2003, withholding: 2004 },
} as const;

/** One product of the bank: its decider, posting rules, posting source and real command handler. */
export type BankProduct<Command, Event, State, Product> = DepositProductWiring<Command, Event, State, Product>;

/** The bank under test: the deposit service on its store and book. */
export interface DepositBank extends DepositService {
  readonly store: EventStore;
  readonly book: Book;
}

/** Options of {@link openDepositBank}. */
export interface DepositBankOptions {
  readonly store?: EventStore;
  readonly demandProduct?: Partial<DemandDepositProductInput>;
  readonly timeProduct?: Record<string, unknown>;
  /** The instant handlers stamp on events and the book on postings (default: a fixed instant). */
  readonly clock?: () => Date;
}

const instantRetry = { maxAttempts: 5, baseDelayMs: 0, jitter: () => 0, sleep: async () => undefined };

/** The request context of a customer's command. */
export const bankContext = (commandId: string): CommandContext => ({
  commandId,
  metadata: { correlationId: commandId, tenant: 'bank', actor: 'customer', channel: 'app' },
});

/** The commands close of business gives a time deposit on `date`: accrue, then mature what is due. */
export const timeCobCommands = timeDepositCobCommands;

/**
 * Opens the bank: the CNY ledger and the chart's general-ledger accounts (idempotent, fixed
 * command ids), both products, their handlers and close of business, through the products'
 * `depositService`. Pass an existing store to reopen a bank (the book is rebuilt from the store).
 */
export const openDepositBank = async (options: DepositBankOptions = {}): Promise<DepositBank> => {
  const store = options.store ?? createInMemoryEventStore();
  const clock = options.clock ?? (() => new Date('2026-01-05T09:30:00.000Z'));
  const book = await Book.open({ store, snapshotEvery: 0, clock });
  await setUpDepositBook(book, { id: BANK_LEDGER, code: 'CNY', scale: 2 });
  const service = depositService({
    store,
    book,
    clock,
    retry: instantRetry,
    // Small chunks, so that a run over a handful of contracts still has several to resume.
    chunkSize: 4,
    demandProduct: demandDepositProduct({ ...bankDemandProductInput, ...options.demandProduct }),
    timeProduct: timeDepositProduct({ ...bankTimeProductInput, ...options.timeProduct }),
  });
  return { ...service, store, book };
};

/** An account's posted balance on its normal side, in fen (0 for an account never opened). */
export const balanceOf = (book: Book, accountId: string): bigint => {
  const account = book.account(accountId);
  return account === undefined ? 0n : decimalToMinor(account.balance, 2);
};

/** Every account's posted and pending totals, read page by page: compare two of them to see whether anything moved. */
export const bookBalances = (book: Book): Map<string, string> => {
  const balances = new Map<string, string>();
  let after: string | undefined;
  do {
    const page = book.accountsPage(after === undefined ? { limit: 1000 } : { limit: 1000, after });
    for (const a of page.items) balances.set(a.id, `${a.debitsPosted}/${a.creditsPosted}/${a.debitsPending}/${a.creditsPending}`);
    after = page.nextCursor;
  } while (after !== undefined);
  return balances;
};

const KILLED = 'killed by the test';

/** The posting port of a process killed on its `call`-th `createTransfers` (counting from 1): nothing of that call reaches the book. */
export const dyingPort = (port: PostingPort, call: number): PostingPort => {
  let calls = 0;
  return {
    ...port,
    createTransfers: async (items, context) => {
      if (++calls === call) throw new Error(KILLED);
      return port.createTransfers(items, context);
    },
  };
};

/**
 * A close of business that is killed on its `killAt`-th posting request (never when undefined,
 * or when the run makes fewer), then run again with the live port, as a restarted process would.
 */
export const closeResuming = async <R>(close: (port?: PostingPort) => Promise<R>, port: PostingPort, killAt: number | undefined): Promise<R> => {
  if (killAt === undefined) return close();
  try {
    return await close(dyingPort(port, killAt));
  } catch (error) {
    if (!(error instanceof Error) || error.message !== KILLED) throw error;
    return close();
  }
};

/** A contract's state folded from its stream in the store by a fresh decider (repair markers skipped). */
export const replayContract = async <Command, Event extends DomainEvent, State>(
  store: EventStore,
  stream: string,
  decider: Decider<Command, Event, State, unknown>,
  schemas: EventSchemas<Event>,
): Promise<State> => {
  const events: Event[] = [];
  for (const recorded of await store.readStream(stream)) {
    if (recorded.type === POSTING_ATTEMPT_ABANDONED) continue;
    const decoded = decodeEvent(schemas, recorded);
    if (E.isLeft(decoded)) throw decoded.left;
    events.push(decoded.right);
  }
  return foldState(decider, events);
};
