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
import { DEFAULT_CHART } from '../../src/chart/defaultChart.js';
import { bankAccountId, contractAccountId } from '../../src/chart/accountIds.js';
import { bankAccounts } from '../../src/chart/accountIntents.js';
import { runCloseOfBusiness, type CloseOfBusinessReport } from '../../src/closeOfBusiness/runCloseOfBusiness.js';
import { DEMAND_DEPOSIT_PRODUCT, TIME_DEPOSIT_PRODUCT, demandChartRoles, timeDepositChartRoles } from '../../src/deposits/chartRoles.js';
import type { DemandDepositCommand } from '../../src/deposits/demand/commands.js';
import { demandDepositDecider } from '../../src/deposits/demand/decider.js';
import { demandDepositSchemas, type DemandDepositEvent } from '../../src/deposits/demand/events.js';
import { demandLedgerEffects } from '../../src/deposits/demand/postingRules.js';
import { demandDepositProduct, type DemandDepositProduct, type DemandDepositProductInput } from '../../src/deposits/demand/product.js';
import type { DemandDepositState } from '../../src/deposits/demand/state.js';
import type { TimeDepositCommand } from '../../src/deposits/time/commands.js';
import { timeDepositDecider } from '../../src/deposits/time/decider.js';
import { timeDepositEventSchemas, type TimeDepositEvent } from '../../src/deposits/time/events.js';
import { timeDepositLedgerEffects } from '../../src/deposits/time/postingRules.js';
import { timeDepositProduct, type TimeDepositProduct } from '../../src/deposits/time/product.js';
import type { TimeDepositState } from '../../src/deposits/time/state.js';
import type { ProductsError } from '../../src/errors.js';
import { POSTING_ATTEMPT_ABANDONED } from '../../src/posting/abandonedAttempt.js';
import type { LedgerEffects } from '../../src/posting/ledgerEffects.js';
import { bookPostingPort, type PostingPort } from '../../src/posting/postingPort.js';
import { postingSource, type PostingSource } from '../../src/posting/postingSources.js';
import { createProductCommandHandler, type ProductCommandHandler } from '../../src/posting/productCommandHandler.js';

/** The bank's one ledger: yuan in fen. */
export const BANK_LEDGER = 'CNY';
/** Streams of demand accounts and time deposits: the prefix, then the contract id. */
export const DEMAND_STREAM_PREFIX = 'deposit-demand-';
export const TIME_STREAM_PREFIX = 'deposit-time-';
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
export interface BankProduct<Command, Event, State, Product> {
  readonly product: Product;
  readonly decider: Decider<Command, Event, State, ProductsError>;
  readonly effects: (event: Event) => LedgerEffects;
  readonly source: PostingSource;
  readonly handle: ProductCommandHandler<Command, Event, ProductsError>;
}

/** The bank under test. */
export interface DepositBank {
  readonly store: EventStore;
  readonly book: Book;
  readonly port: PostingPort;
  readonly demand: BankProduct<DemandDepositCommand, DemandDepositEvent, DemandDepositState, DemandDepositProduct>;
  readonly time: BankProduct<TimeDepositCommand, TimeDepositEvent, TimeDepositState, TimeDepositProduct>;
  /** Both posting sources, for `checkProductPostings` and `catchUpPostings`. */
  readonly sources: readonly PostingSource[];
  /** Close of business of `date` over the given demand contracts (accrue through the date; credit on posting dates). */
  readonly closeDemand: (date: string, contractIds: readonly string[], port?: PostingPort) => Promise<CloseOfBusinessReport<ProductsError>>;
  /** Close of business of `date` over the given time deposits (accrue through the date, then mature what is due). `port` replaces the bank's (a dying port, in crash tests). */
  readonly closeTime: (date: string, contractIds: readonly string[], port?: PostingPort) => Promise<CloseOfBusinessReport<ProductsError>>;
}

/** Options of {@link openDepositBank}. */
export interface DepositBankOptions {
  readonly store?: EventStore;
  readonly demandProduct?: Partial<DemandDepositProductInput>;
  readonly timeProduct?: Record<string, unknown>;
  /** The instant handlers stamp on events and the book on postings (default: a fixed instant). */
  readonly clock?: () => Date;
}

const expectDone = (what: string, outcome: E.Either<LedgerError, readonly ItemResult[]>): void => {
  if (E.isLeft(outcome)) throw new Error(`${what}: ${outcome.left.message}`);
  const bad = outcome.right.find((item) => item.result !== 'ok' && item.result !== 'exists');
  if (bad !== undefined) throw new Error(`${what}: ${bad.id} -> ${bad.result}`);
};

const instantRetry = { maxAttempts: 5, baseDelayMs: 0, jitter: () => 0, sleep: async () => undefined };

/** The request context of a customer's command. */
export const bankContext = (commandId: string): CommandContext => ({
  commandId,
  metadata: { correlationId: commandId, tenant: 'bank', actor: 'customer', channel: 'app' },
});

/** The commands close of business gives a time deposit on `date`: accrue, then mature what is due. */
export const timeCobCommands = (state: TimeDepositState, date: string): TimeDepositCommand[] => {
  if (state.status !== 'active') return [];
  const accrue: TimeDepositCommand = { type: 'AccrueInterest', through: date };
  return state.term.maturityDate <= date ? [accrue, { type: 'Mature', on: date }] : [accrue];
};

/**
 * Opens the bank: the CNY ledger and the chart's general-ledger accounts (idempotent, fixed
 * command ids), both products, their handlers and close of business. Pass an existing store to
 * reopen a bank (the book is rebuilt from the store).
 */
export const openDepositBank = async (options: DepositBankOptions = {}): Promise<DepositBank> => {
  const store = options.store ?? createInMemoryEventStore();
  const clock = options.clock ?? (() => new Date('2026-01-05T09:30:00.000Z'));
  const book = await Book.open({ store, snapshotEvery: 0, clock });
  expectDone('ledgers', await book.defineLedgers([{ id: BANK_LEDGER, asset: { code: 'CNY', scale: 2 } }], { commandId: 'deposit-bank-ledgers' }));
  const generalLedger = bankAccounts(BANK_LEDGER, DEFAULT_CHART).map(({ id, ledger, code, type }) => ({ id, ledger, code, type }));
  expectDone('general ledger', await book.openAccounts(generalLedger, { commandId: 'deposit-bank-accounts' }));
  const port = bookPostingPort(book);

  const demandProduct = demandDepositProduct({ ...bankDemandProductInput, ...options.demandProduct });
  const demandDecider = demandDepositDecider(demandProduct);
  const demandRoles = demandChartRoles(BANK_LEDGER);
  const demandEffects = (event: DemandDepositEvent): LedgerEffects => demandLedgerEffects(demandProduct, event, demandRoles);
  const timeProduct = timeDepositProduct({ ...bankTimeProductInput, ...options.timeProduct });
  const timeDecider = timeDepositDecider(timeProduct);
  const timeRoles = timeDepositChartRoles(BANK_LEDGER);
  const timeEffects = (event: TimeDepositEvent): LedgerEffects => timeDepositLedgerEffects(timeProduct, event, timeRoles);

  const common = { store, port, clock, retry: instantRetry };
  const demand = {
    product: demandProduct,
    decider: demandDecider,
    effects: demandEffects,
    source: postingSource({ streamPrefix: DEMAND_STREAM_PREFIX, schemas: demandDepositSchemas, effects: demandEffects }),
    handle: createProductCommandHandler({ ...common, decider: demandDecider, schemas: demandDepositSchemas, effects: demandEffects }),
  };
  const time = {
    product: timeProduct,
    decider: timeDecider,
    effects: timeEffects,
    source: postingSource({ streamPrefix: TIME_STREAM_PREFIX, schemas: timeDepositEventSchemas, effects: timeEffects }),
    handle: createProductCommandHandler({ ...common, decider: timeDecider, schemas: timeDepositEventSchemas, effects: timeEffects }),
  };
  // Small chunks, so that a run over a handful of contracts still has several to resume.
  const cob = { store, clock, chunkSize: 4 };
  return {
    store,
    book,
    port,
    demand,
    time,
    sources: [demand.source, time.source],
    closeDemand: (date, contractIds, through = port) =>
      runCloseOfBusiness({
        ...cob,
        port: through,
        decider: demandDecider,
        schemas: demandDepositSchemas,
        effects: demandEffects,
        product: DEMAND_DEPOSIT_PRODUCT,
        date,
        contracts: contractIds.map(demandStreamOf),
        commandsFor: (state): DemandDepositCommand[] => (state.status === 'open' ? [{ type: 'AccrueInterest', through: date }] : []),
      }),
    closeTime: (date, contractIds, through = port) =>
      runCloseOfBusiness({
        ...cob,
        port: through,
        decider: timeDecider,
        schemas: timeDepositEventSchemas,
        effects: timeEffects,
        product: TIME_DEPOSIT_PRODUCT,
        date,
        contracts: contractIds.map(timeStreamOf),
        commandsFor: (state) => timeCobCommands(state, date),
      }),
  };
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
