/**
 * The loan business wired on a book, beside the deposit service whose posting port it shares (one
 * writer per book): the loan product's real command handler (hold, record, post), its posting
 * source, the chart binding of its roles, the workflows between a loan and the borrower's demand
 * account, and close of business.
 *
 * Workflows (each step a command with an id derived from the caller's, so a retry repeats, never
 * doubles, a step): a payout is loan `Disburse` (principal receivable → internal clearing), then
 * demand `Deposit { source: internal }` of the amount less any origination fee deducted from it; a
 * refused deposit reverses the disbursement (and the fee). A repayment
 * is demand `Withdraw { destination: internal }` (the ledger's guard decides whether the money is
 * there), then the loan's one journal entry from clearing; a refused loan command returns the money,
 * and a refund of an overpayment is deposited back.
 *
 * A credit decision reserves its limit in the borrower's exposure stream (`loan-borrower-<id>`)
 * before it is recorded, and the money workflows and close of business settle that exposure to
 * the loan's state (drawn, repaid, written off, closed): see loanServiceExposure.ts.
 *
 * Close of business of a date: (1) accrue every active loan through the date (billing due dates);
 * (2) on a due date, auto-debit: take min(due, the demand account's AVAILABLE balance) and record
 * the shortfall (nothing available: a shortfall event); (3) assess: days past due, class, accrual
 * switch, provision. Steps 1 and 3 are `runCloseOfBusiness` runs (idempotent, resumable); step 2
 * runs once per loan and date (the loan records it; a withdrawal already made is found by its id),
 * all due loans' withdrawals, repayments and shortfalls as batches (see autoDebitRun.ts).
 */
import * as E from 'fp-ts/lib/Either.js';
import { decimalToMinor, decodeEvent, foldState, minorToDecimal, type Book, type CommandContext, type EventStore, type RetryPolicy } from '@ecoledger/ledger';
import { v5 } from 'uuid';
import { businessDate, type BusinessDate } from '../calendar/businessDate.js';
import { contractAccountId } from '../chart/accountIds.js';
import { contractAccount } from '../chart/accountIntents.js';
import type { ChartOfAccounts } from '../chart/chartOfAccounts.js';
import { DEFAULT_CHART } from '../chart/defaultChart.js';
import { runCloseOfBusiness, type CloseOfBusinessReport } from '../closeOfBusiness/runCloseOfBusiness.js';
import { DEMAND_DEPOSIT_PRODUCT } from '../deposits/chartRoles.js';
import type { DepositService } from '../deposits/depositService.js';
import { ProductsError, isProductsError } from '../errors.js';
import { POSTING_ATTEMPT_ABANDONED } from '../posting/abandonedAttempt.js';
import { NO_LEDGER_EFFECTS, type LedgerEffects } from '../posting/ledgerEffects.js';
import type { PostingPort } from '../posting/postingPort.js';
import { postingSource, type PostingSource } from '../posting/postingSources.js';
import { createProductBatchHandler } from '../posting/productBatchHandler.js';
import { createProductCommandHandler, type ProductCommandError, type ProductCommandHandler, type ProductCommandOutcome } from '../posting/productCommandHandler.js';
import { runAutoDebits } from './autoDebitRun.js';
import { loanCloseStates } from './closeStates.js';
import { duesOn, totalOfDues } from './contract/allocation.js';
import type { LoanCommand } from './contract/commands.js';
import type { LoanContext } from './contract/context.js';
import { loanDecider, type LoanDecider } from './contract/decider.js';
import { loanEventSchemas, type LoanEvent } from './contract/events.js';
import { loanLedgerEffects, type LoanContractRole, type LoanRole } from './contract/postingRules.js';
import type { LoanState } from './contract/state.js';
import { CHART_NAME_OF, LOAN_PRODUCT, loanAccountId } from './loanServiceChart.js';
import { exposureWorkflows } from './loanServiceExposure.js';
import { exposureEventSchemas, type ExposureEvent, type ExposureState } from './loanServiceExposureStream.js';

/** Streams of loan contracts: prefix + contract id. */
export const LOAN_STREAM_PREFIX = 'loan-';
export { LOAN_PRODUCT, loanAccountId } from './loanServiceChart.js';

/** What {@link loanService} builds on. */
export interface LoanServiceOptions {
  readonly store: EventStore;
  /** The book: read for the demand accounts' available balances. */
  readonly book: Book;
  /** The deposit service on the same book: its shared posting port and demand handler. */
  readonly deposits: Pick<DepositService, 'port' | 'demand'>;
  readonly context: LoanContext;
  readonly clock: () => Date;
  readonly chart?: ChartOfAccounts;
  readonly retry?: RetryPolicy;
  readonly chunkSize?: number;
  /** Names this service's close-of-business runs (see `DepositServiceOptions.cobName`). */
  readonly cobName?: string;
}

/** A money command of a workflow, without its value date and instant. */
export interface LoanMoney {
  readonly amount: string;
  readonly reference: string;
  readonly on: string;
  readonly at: string;
}

/** What close of business of a date did. */
export interface LoanCloseReport {
  readonly accrual: CloseOfBusinessReport<ProductsError>;
  /** Loans auto-debited (in full or in part), and loans with a shortfall recorded. */
  readonly autoDebited: readonly string[];
  readonly shortfalls: readonly string[];
  readonly assessment: CloseOfBusinessReport<ProductsError>;
}

type Result = E.Either<ProductCommandError<ProductsError>, ProductCommandOutcome<LoanEvent>>;

/** The wired loan business. */
export interface LoanService {
  readonly decider: LoanDecider;
  readonly effects: (event: LoanEvent) => LedgerEffects;
  readonly source: PostingSource;
  readonly handle: ProductCommandHandler<LoanCommand, LoanEvent, ProductsError>;
  readonly streamOf: (contractId: string) => string;
  /** A contract's state, folded from its stream. */
  readonly state: (contractId: string) => Promise<LoanState>;
  /**
   * Runs the credit decision on the borrower's reserved + drawn internet consumer exposure, read
   * from the borrower's exposure stream, reserving an approved limit there first (a concurrent
   * decision makes it decide again): see loanServiceExposure.ts.
   */
  readonly decideCredit: (contractId: string, on: string, commandId: string) => Promise<Result>;
  /** A borrower's reserved and drawn exposure by contract (minor units). */
  readonly exposure: (borrowerId: string) => Promise<ExposureState>;
  /** Settles a contract's exposure to its loan state (after a command sent through `handle`, such as `WriteOff`). */
  readonly settleExposure: (contractId: string, commandId: string) => Promise<void>;
  readonly disburse: (contractId: string, money: Omit<LoanMoney, 'reference'> & { readonly reference: string }, commandId: string) => Promise<Result>;
  readonly repay: (contractId: string, money: LoanMoney & { readonly overpayment: 'refund' | 'hold' }, commandId: string) => Promise<Result>;
  readonly prepay: (contractId: string, money: LoanMoney & { readonly option: 'reduce-installment' | 'reduce-term' }, commandId: string) => Promise<Result>;
  readonly payOff: (contractId: string, money: LoanMoney, commandId: string) => Promise<Result>;
  /** Pays the loan's held credit back into the borrower's demand account (loan `RefundCredit`, then demand `Deposit { source: internal }`). */
  readonly refundCredit: (contractId: string, when: { readonly on: string; readonly at: string }, commandId: string) => Promise<Result>;
  /**
   * Money recovered on a written-off loan: withdrawn into internal clearing from `fromAccount` (the
   * borrower's linked account by default, or a collection agency's settlement account), then loan
   * `Recover`; a refused recovery returns the money.
   */
  readonly recover: (contractId: string, money: LoanMoney & { readonly fromAccount?: string }, commandId: string) => Promise<Result>;
  readonly closeLoans: (date: string, contractIds: readonly string[], port?: PostingPort) => Promise<LoanCloseReport>;
}

const NAMESPACE = '6b0d9f3e-55a1-5e0e-9d43-7f1f1f0c7a21';
const stepId = (commandId: string, step: string): string => v5(`${commandId}\n${step}`, NAMESPACE);
const contextOf = (commandId: string, actor = 'customer'): CommandContext => ({ commandId, metadata: { correlationId: commandId, tenant: 'bank', actor, channel: actor === 'customer' ? 'app' : 'batch' } });

/** Wires the loan product on a book; see the module comment. */
export const loanService = (options: LoanServiceOptions): LoanService => {
  const { store, book, deposits, context, clock } = options;
  const chart = options.chart ?? DEFAULT_CHART;
  const { ledger, asset } = context.product;
  const decider = loanDecider(context);
  const resolve = (role: LoanRole, contractId: string): string => loanAccountId(ledger, role, contractId);
  const open = (role: LoanContractRole, contractId: string) => contractAccount(chart, ledger, LOAN_PRODUCT, contractId, CHART_NAME_OF[role]);
  const effects = (event: LoanEvent): LedgerEffects => loanLedgerEffects(context, event, resolve, open);
  const port = deposits.port;
  const handlerOptions = { store, port, clock, decider, schemas: loanEventSchemas, effects, ...(options.retry === undefined ? {} : { retry: options.retry }) };
  const handle = createProductCommandHandler(handlerOptions);
  const handleMany = createProductBatchHandler(handlerOptions);
  const streamOf = (contractId: string): string => `${LOAN_STREAM_PREFIX}${contractId}`;
  const demand = deposits.demand;
  const text = (minor: bigint): string => minorToDecimal(minor, asset.scale);

  const state = async (contractId: string): Promise<LoanState> => {
    const events: LoanEvent[] = [];
    for (const recorded of await store.readStream(streamOf(contractId))) {
      if (recorded.type === POSTING_ATTEMPT_ABANDONED) continue;
      const decoded = decodeEvent(loanEventSchemas, recorded);
      if (E.isLeft(decoded)) throw decoded.left;
      events.push(decoded.right);
    }
    return foldState(decider, events);
  };

  const depositBack = async (linked: string, amount: string, reference: string, on: string, at: string, commandId: string): Promise<void> => {
    const back = await demand.handle(demand.streamOf(linked), { type: 'Deposit', amount, source: 'internal', reference, on, at }, contextOf(commandId));
    if (E.isLeft(back)) throw back.left;
  };

  /** Withdraw from the linked account (or `payer`) into clearing, run the loan command, return or refund what the loan did not take. */
  const fromAccount = async (contractId: string, money: LoanMoney, command: LoanCommand, commandId: string, payer?: string): Promise<Result> => {
    const linked = payer ?? (await state(contractId)).application?.linkedAccountId;
    if (linked === undefined) return E.left(new ProductsError('loan_status_invalid', 'the contract has no application'));
    const withdrawn = await demand.handle(demand.streamOf(linked), { type: 'Withdraw', amount: money.amount, destination: 'internal', reference: money.reference, on: money.on, at: money.at }, contextOf(stepId(commandId, 'withdraw')));
    if (E.isLeft(withdrawn)) return withdrawn;
    const done = await handle(streamOf(contractId), command, contextOf(stepId(commandId, 'loan')));
    if (E.isLeft(done)) {
      if (isProductsError(done.left)) await depositBack(linked, money.amount, `return:${money.reference}`.slice(0, 128), money.on, money.at, stepId(commandId, 'return'));
      return done;
    }
    const refunded = done.right.events.reduce((sum, e) => sum + (e.type === 'RepaymentReceived' || e.type === 'LoanPaidOff' ? decimalToMinor(e.data.refunded, asset.scale) : 0n) + (e.type === 'CreditRefunded' ? decimalToMinor(e.data.amount, asset.scale) : 0n), 0n);
    if (refunded > 0n) await depositBack(linked, text(refunded), `refund:${money.reference}`.slice(0, 128), money.on, money.at, stepId(commandId, 'refund'));
    return done;
  };

  const exposure = exposureWorkflows({
    store, clock, context, decider, stepId, streamPrefix: LOAN_STREAM_PREFIX, ...(options.retry === undefined ? {} : { retry: options.retry }),
    loanState: state,
    handleLoan: (contractId, command, commandId) => handle(streamOf(contractId), command, contextOf(commandId, 'credit-engine')),
    commandContext: (commandId) => contextOf(commandId, 'credit-engine'),
  });
  /** Runs a money workflow, then settles the contract's exposure to what it recorded. */
  const settled = async (contractId: string, commandId: string, run: Promise<Result>): Promise<Result> => {
    const result = await run;
    await exposure.settle(contractId, commandId);
    return result;
  };

  const disburse = async (contractId: string, money: LoanMoney, commandId: string): Promise<Result> => {
    const paid = await handle(streamOf(contractId), { type: 'Disburse', ...money }, contextOf(commandId));
    if (E.isLeft(paid)) return paid;
    const linked = (await state(contractId)).application!.linkedAccountId;
    // An origination fee deducted from the payout stayed in clearing as fee income: the borrower receives the rest.
    const deducted = paid.right.events.reduce((sum, e) => sum + (e.type === 'FeeCharged' && e.data.settlement === 'deducted' ? decimalToMinor(e.data.amount, asset.scale) : 0n), 0n);
    const payout = text(decimalToMinor(money.amount, asset.scale) - deducted);
    const deposited = await demand.handle(demand.streamOf(linked), { type: 'Deposit', amount: payout, source: 'internal', reference: money.reference, on: money.on, at: money.at }, contextOf(stepId(commandId, 'payout')));
    if (E.isRight(deposited)) return paid;
    if (!isProductsError(deposited.left)) throw deposited.left;
    const reversed = await handle(streamOf(contractId), { type: 'ReverseDisbursement', on: money.on, at: money.at, reason: deposited.left.code }, contextOf(stepId(commandId, 'reverse')));
    return E.isLeft(reversed) ? reversed : E.left(deposited.left);
  };

  // Kept between close-of-business runs: each run reads a loan only past what it already folded.
  const closeStates = loanCloseStates(store, decider);

  const autoDebits = (date: BusinessDate, contractIds: readonly string[]) =>
    runAutoDebits(
      {
        store, asset, stepId, contextOf, depositBack,
        loanStreamOf: streamOf,
        demandStreamOf: demand.streamOf,
        statesOf: closeStates.statesOf,
        dueOn: (s, date) => totalOfDues(context, duesOn(context, s, date, 'due')),
        availableOf: (linked) => {
          const account = book.account(contractAccountId(DEMAND_DEPOSIT_PRODUCT, linked, 'customer'));
          return account === undefined ? 0n : decimalToMinor(account.available, asset.scale);
        },
        handleLoans: handleMany,
        handleDemand: demand.handleMany,
      },
      date,
      contractIds,
    );

  const cob = { store, clock, decider, schemas: loanEventSchemas, effects, date: '', ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }) };
  const runName = (step: string): string => [LOAN_PRODUCT, context.product.code, step, ...(options.cobName === undefined ? [] : [options.cobName])].join(':');

  return {
    decider,
    effects,
    // The borrowers' exposure streams share the loan prefix: their events are read, and post nothing.
    source: postingSource<LoanEvent | ExposureEvent>({
      streamPrefix: LOAN_STREAM_PREFIX,
      schemas: { ...loanEventSchemas, ...exposureEventSchemas },
      effects: (event) => (event.type === 'ExposureReserved' || event.type === 'ExposureSettled' ? NO_LEDGER_EFFECTS : effects(event)),
    }),
    handle,
    streamOf,
    state,
    decideCredit: (contractId, on, commandId) => exposure.decideCredit(contractId, on, commandId),
    exposure: exposure.read,
    settleExposure: exposure.settle,
    disburse: (contractId, money, commandId) => settled(contractId, commandId, disburse(contractId, money, commandId)),
    repay: (contractId, money, commandId) => settled(contractId, commandId, fromAccount(contractId, money, { type: 'Repay', source: 'manual', ...money }, commandId)),
    prepay: (contractId, money, commandId) => settled(contractId, commandId, fromAccount(contractId, money, { type: 'Prepay', ...money }, commandId)),
    payOff: (contractId, money, commandId) => settled(contractId, commandId, fromAccount(contractId, money, { type: 'PayOff', ...money }, commandId)),
    refundCredit: async (contractId, when, commandId) => {
      const refunded = await handle(streamOf(contractId), { type: 'RefundCredit', on: when.on, at: when.at }, contextOf(stepId(commandId, 'loan')));
      if (E.isLeft(refunded)) return refunded;
      const linked = (await state(contractId)).application!.linkedAccountId;
      const amount = refunded.right.events.reduce((sum, e) => sum + (e.type === 'CreditRefunded' ? decimalToMinor(e.data.amount, asset.scale) : 0n), 0n);
      // A retry replays the loan step and repeats only the deposit, under the same derived id.
      await depositBack(linked, text(amount), `credit-refund:${contractId}`.slice(0, 128), when.on, when.at, stepId(commandId, 'payout'));
      return refunded;
    },
    recover: (contractId, { fromAccount: payer, ...money }, commandId) => fromAccount(contractId, money, { type: 'Recover', ...money }, commandId, payer),
    closeLoans: async (date, contractIds, through = port) => {
      const day = businessDate(date);
      const streams = contractIds.map(streamOf);
      const accrual = await closeStates.accrueThen(streams, () =>
        runCloseOfBusiness<LoanCommand, LoanEvent, LoanState, ProductsError>({
          ...cob, port: through, date: day, product: runName('accrue'), contracts: streams, cache: closeStates.accrue,
          commandsFor: (s) => (s.status === 'active' ? [{ type: 'AccrueInterest', through: day }] : []),
        }),
      );
      const outcomes = await autoDebits(day, contractIds);
      const autoDebited = contractIds.filter((id) => outcomes.get(id) === 'taken');
      const shortfalls = contractIds.filter((id) => outcomes.get(id) === 'short');
      const assessment = await runCloseOfBusiness<LoanCommand, LoanEvent, LoanState, ProductsError>({
        ...cob, port: through, date: day, product: runName('assess'), contracts: streams, cache: closeStates.assess,
        commandsFor: (s) => (s.status === 'active' ? [{ type: 'Assess', on: day }] : []),
      });
      // Repayments, closures and write-offs of the day move the borrowers' exposure.
      // Only capped products track exposure; their loans' states come from the caches.
      if (context.product.internetConsumerCapApplies) {
        const states = await closeStates.statesOf(streams);
        for (const [index, contractId] of contractIds.entries()) await exposure.settle(contractId, `close-of-business\n${day}\n${contractId}`, states[index]);
      }
      return { accrual, autoDebited, shortfalls, assessment };
    },
  };
};
