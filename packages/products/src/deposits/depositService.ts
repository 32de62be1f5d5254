/**
 * The deposit business wired on one book: what a service embedding the deposit products does. It
 * sets up the book (the ledger and the chart's general-ledger accounts, idempotently), binds both
 * products' roles to the default chart, and gives each product its real command handler (hold,
 * record, post) over one shared posting port, its posting source (for the posting processor and
 * repair), close of business, and the transfer reactor between customers' demand accounts.
 */
import { bookPostingPort, type PostingPort } from '../posting/postingPort.js';
import { Book, type Decider, type EventStore, type Processor, type RetryPolicy } from '@ecoledger/ledger';
import { businessDate, type BusinessDate } from '../calendar/businessDate.js';
import { bankAccounts } from '../chart/accountIntents.js';
import { DEFAULT_CHART } from '../chart/defaultChart.js';
import type { ChartOfAccounts } from '../chart/chartOfAccounts.js';
import { runCloseOfBusiness, type CloseOfBusinessReport } from '../closeOfBusiness/runCloseOfBusiness.js';
import { ProductsError } from '../errors.js';
import type { LedgerEffects } from '../posting/ledgerEffects.js';
import { postingSource, type PostingSource } from '../posting/postingSources.js';
import { createProductBatchHandler, type ProductBatchHandler } from '../posting/productBatchHandler.js';
import { createProductCommandHandler, type ProductCommandHandler } from '../posting/productCommandHandler.js';
import { DEMAND_DEPOSIT_PRODUCT, TIME_DEPOSIT_PRODUCT, demandChartRoles, timeDepositChartRoles } from './chartRoles.js';
import type { DemandDepositCommand } from './demand/commands.js';
import { demandDepositDecider } from './demand/decider.js';
import { demandDepositSchemas, type DemandDepositEvent } from './demand/events.js';
import { demandLedgerEffects } from './demand/postingRules.js';
import type { DemandDepositProduct } from './demand/product.js';
import type { DemandDepositState } from './demand/state.js';
import { demandTransferReactor } from './demand/transferReactor.js';
import type { TimeDepositCommand } from './time/commands.js';
import { timeDepositDecider } from './time/decider.js';
import { timeDepositEventSchemas, type TimeDepositEvent } from './time/events.js';
import { timeDepositLedgerEffects } from './time/postingRules.js';
import type { TimeDepositProduct } from './time/product.js';
import type { TimeDepositState } from './time/state.js';

/** Stream prefixes of the deposit contracts: a contract's stream is prefix + contract id. */
export const DEMAND_STREAM_PREFIX = 'deposit-demand-';
export const TIME_STREAM_PREFIX = 'deposit-time-';

/** One product of the service. */
export interface DepositProductWiring<Command, Event, State, Product> {
  readonly product: Product;
  readonly decider: Decider<Command, Event, State, ProductsError>;
  readonly effects: (event: Event) => LedgerEffects;
  readonly source: PostingSource;
  readonly handle: ProductCommandHandler<Command, Event, ProductsError>;
  /** The same commands for many contracts at once (see `createProductBatchHandler`). */
  readonly handleMany: ProductBatchHandler<Command, Event, ProductsError>;
  /** The stream of a contract. */
  readonly streamOf: (contractId: string) => string;
}

/** What {@link depositService} builds on. */
export interface DepositServiceOptions {
  readonly store: EventStore;
  /** The book (its single writer, in this process); `setUpDepositBook` prepares it. */
  readonly book: Book;
  readonly demandProduct: DemandDepositProduct;
  readonly timeProduct: TimeDepositProduct;
  readonly clock: () => Date;
  /** Today's value date (default: the clock's UTC date); a `BusinessClock`'s `valueDate` fits. */
  readonly today?: () => BusinessDate;
  /** Conflict retries of the command handlers. */
  readonly retry?: RetryPolicy;
  /** Contracts per close-of-business chunk (default 1,000). */
  readonly chunkSize?: number;
  /**
   * Names this service's close-of-business runs, with the product codes (default none): services
   * closing separate sets of contracts of one product on one store need different names, since a
   * date's run is done once per name.
   */
  readonly cobName?: string;
}

/** The wired deposit business. */
export interface DepositService {
  readonly port: PostingPort;
  readonly demand: DepositProductWiring<DemandDepositCommand, DemandDepositEvent, DemandDepositState, DemandDepositProduct>;
  readonly time: DepositProductWiring<TimeDepositCommand, TimeDepositEvent, TimeDepositState, TimeDepositProduct>;
  /** Both posting sources, for the posting processor and `repairHolds`. */
  readonly sources: readonly PostingSource[];
  /** Close of business of `date` over demand accounts: accrue through the date (crediting on posting dates). `port` replaces the service's. */
  readonly closeDemand: (date: string, contractIds: readonly string[], port?: PostingPort) => Promise<CloseOfBusinessReport<ProductsError>>;
  /** Close of business of `date` over time deposits: accrue through the date, then mature what is due. */
  readonly closeTime: (date: string, contractIds: readonly string[], port?: PostingPort) => Promise<CloseOfBusinessReport<ProductsError>>;
  /** The reactor settling transfers between customers' demand accounts (run it with `startProcessor` or `runProcessorOnce`). */
  readonly transfers: Processor;
}

/**
 * Opens the ledger and the chart's general-ledger accounts in a book (fixed command ids, so it
 * can run on every start). @throws ProductsError `ledger_rejected` when the book refuses.
 */
export const setUpDepositBook = async (book: Book, ledger: { readonly id: string; readonly code: string; readonly scale: number }, chart: ChartOfAccounts = DEFAULT_CHART): Promise<void> => {
  const defined = await book.defineLedgers([{ id: ledger.id, asset: { code: ledger.code, scale: ledger.scale } }], { commandId: `deposit-setup-ledger-${ledger.id}`, channel: 'system' });
  const accounts = bankAccounts(ledger.id, chart).map(({ id, ledger: ledgerId, code, type }) => ({ id, ledger: ledgerId, code, type }));
  const opened = await book.openAccounts(accounts, { commandId: `deposit-setup-accounts-${ledger.id}`, channel: 'system' });
  for (const outcome of [defined, opened]) {
    const bad = outcome._tag === 'Left' ? outcome.left.code : outcome.right.find((item) => item.result !== 'ok' && item.result !== 'exists')?.result;
    if (bad !== undefined) throw new ProductsError('ledger_rejected', `setting up the deposit book: ${bad}`);
  }
};

/** The commands close of business gives a time deposit on `date`: accrue, then mature what is due. */
export const timeDepositCobCommands = (state: TimeDepositState, date: string): TimeDepositCommand[] => {
  if (state.status !== 'active') return [];
  const accrue: TimeDepositCommand = { type: 'AccrueInterest', through: date };
  return state.term.maturityDate <= date ? [accrue, { type: 'Mature', on: date }] : [accrue];
};

/** Wires the deposit products on a book; see the module comment. */
export const depositService = (options: DepositServiceOptions): DepositService => {
  const { store, book, demandProduct, timeProduct, clock } = options;
  const port = bookPostingPort(book);
  const common = { store, port, clock, ...(options.retry === undefined ? {} : { retry: options.retry }) };
  const demandDecider = demandDepositDecider(demandProduct);
  const demandRoles = demandChartRoles(demandProduct.ledger);
  const demandEffects = (event: DemandDepositEvent): LedgerEffects => demandLedgerEffects(demandProduct, event, demandRoles);
  const timeDecider = timeDepositDecider(timeProduct);
  const timeRoles = timeDepositChartRoles(timeProduct.ledger);
  const timeEffects = (event: TimeDepositEvent): LedgerEffects => timeDepositLedgerEffects(timeProduct, event, timeRoles);
  const demandStreamOf = (contractId: string) => `${DEMAND_STREAM_PREFIX}${contractId}`;
  const timeStreamOf = (contractId: string) => `${TIME_STREAM_PREFIX}${contractId}`;
  const demand = {
    product: demandProduct,
    decider: demandDecider,
    effects: demandEffects,
    source: postingSource({ streamPrefix: DEMAND_STREAM_PREFIX, schemas: demandDepositSchemas, effects: demandEffects }),
    handle: createProductCommandHandler({ ...common, decider: demandDecider, schemas: demandDepositSchemas, effects: demandEffects }),
    handleMany: createProductBatchHandler({ ...common, decider: demandDecider, schemas: demandDepositSchemas, effects: demandEffects }),
    streamOf: demandStreamOf,
  };
  const time = {
    product: timeProduct,
    decider: timeDecider,
    effects: timeEffects,
    source: postingSource({ streamPrefix: TIME_STREAM_PREFIX, schemas: timeDepositEventSchemas, effects: timeEffects }),
    handle: createProductCommandHandler({ ...common, decider: timeDecider, schemas: timeDepositEventSchemas, effects: timeEffects }),
    handleMany: createProductBatchHandler({ ...common, decider: timeDecider, schemas: timeDepositEventSchemas, effects: timeEffects }),
    streamOf: timeStreamOf,
  };
  const cob = { store, clock, ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }) };
  const today = options.today ?? (() => businessDate(clock().toISOString().slice(0, 10)));
  const runName = (product: string, code: string): string => [product, code, ...(options.cobName === undefined ? [] : [options.cobName])].join(':');
  return {
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
        product: runName(DEMAND_DEPOSIT_PRODUCT, demandProduct.code),
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
        product: runName(TIME_DEPOSIT_PRODUCT, timeProduct.code),
        date,
        contracts: contractIds.map(timeStreamOf),
        commandsFor: (state) => timeDepositCobCommands(state, date),
      }),
    transfers: demandTransferReactor({ streamPrefix: DEMAND_STREAM_PREFIX, handler: demand.handle, today }),
  };
};
