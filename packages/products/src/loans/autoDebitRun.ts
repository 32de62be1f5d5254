/**
 * The due-date auto-debit of a loan close of business, for all due loans at once. Per loan it is
 * what it always was: take min(due, the linked demand account's AVAILABLE balance) with a demand
 * `Withdraw { destination: internal }`, then the loan's `Repay { source: auto-debit }`; a refused
 * repayment returns the money; anything short is a `RecordShortfall`. Every step keeps its derived
 * command id, so a resumed run repeats, never doubles, a step, and a withdrawal already made keeps
 * its amount.
 *
 * The steps run as batches (`createProductBatchHandler`): all withdrawals, then all repayments,
 * then all shortfalls, a few book requests and one atomic append each, instead of three commands
 * per loan. Loans debiting the same demand account go in successive rounds, so each one sees the
 * balance the previous one left, as one loan after another did.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decimalToMinor, minorToDecimal, type Asset, type CommandContext, type EventStore } from '@ecoledger/ledger';
import type { BusinessDate } from '../calendar/businessDate.js';
import { isProductsError, type ProductsError } from '../errors.js';
import { MAX_PRODUCT_BATCH_COMMANDS } from '../limits.js';
import type { ProductBatchHandler } from '../posting/productBatchHandler.js';
import type { ProductCommandResult } from '../posting/productCommandHandler.js';
import type { DemandDepositCommand } from '../deposits/demand/commands.js';
import type { DemandDepositEvent } from '../deposits/demand/events.js';
import type { LoanCommand } from './contract/commands.js';
import type { LoanEvent } from './contract/events.js';
import type { LoanState } from './contract/state.js';

/** What the auto-debit run needs from the loan service. */
export interface AutoDebitRunOptions {
  readonly store: EventStore;
  readonly asset: Asset;
  readonly loanStreamOf: (contractId: string) => string;
  readonly demandStreamOf: (contractId: string) => string;
  /** Loans' current states (close of business: from its state cache, heads read a chunk at a time). */
  readonly statesOf: (streams: readonly string[]) => Promise<LoanState[]>;
  /** What is due on `date` for a loan due that day (minor units). */
  readonly dueOn: (state: LoanState, date: BusinessDate) => bigint;
  /** The linked demand account's available balance now (minor units). */
  readonly availableOf: (demandContractId: string) => bigint;
  readonly handleLoans: ProductBatchHandler<LoanCommand, LoanEvent, ProductsError>;
  readonly handleDemand: ProductBatchHandler<DemandDepositCommand, DemandDepositEvent, ProductsError>;
  /** Returns money a refused repayment did not take (one loan at a time: a rare path). */
  readonly depositBack: (linked: string, amount: string, reference: string, on: string, at: string, commandId: string) => Promise<void>;
  readonly stepId: (commandId: string, step: string) => string;
  readonly contextOf: (commandId: string, actor: string) => CommandContext;
}

/** A loan due on the date. */
interface DueLoan {
  readonly contractId: string;
  readonly linked: string;
  readonly due: bigint;
  readonly withdrawId: string;
  readonly reference: string;
  readonly at: string;
}

/** What the run did to a loan. */
export type AutoDebitOutcome = 'taken' | 'short' | 'none';

const failed = <Event>(result: ProductCommandResult<Event, ProductsError>): boolean => {
  if (E.isRight(result)) return false;
  if (!isProductsError(result.left)) throw result.left;
  return true;
};

/** Rounds in which no demand account appears twice, each cut to the batch limit, in loan order. */
const roundsOf = (loans: readonly DueLoan[]): DueLoan[][] => {
  const rounds: DueLoan[][] = [];
  let pending = loans;
  while (pending.length > 0) {
    const used = new Set<string>();
    const round: DueLoan[] = [];
    const later: DueLoan[] = [];
    for (const loan of pending) {
      if (used.has(loan.linked) || round.length === MAX_PRODUCT_BATCH_COMMANDS) later.push(loan);
      else {
        used.add(loan.linked);
        round.push(loan);
      }
    }
    rounds.push(round);
    pending = later;
  }
  return rounds;
};

/** Auto-debits every loan of `contractIds` due on `date`; see the module comment. */
export const runAutoDebits = async (options: AutoDebitRunOptions, date: BusinessDate, contractIds: readonly string[]): Promise<Map<string, AutoDebitOutcome>> => {
  const text = (minor: bigint): string => minorToDecimal(minor, options.asset.scale);
  const outcomes = new Map<string, AutoDebitOutcome>(contractIds.map((id) => [id, 'none']));
  const due: DueLoan[] = [];
  const states = await options.statesOf(contractIds.map(options.loanStreamOf));
  for (const [position, contractId] of contractIds.entries()) {
    const s = states[position]!;
    if (s.status !== 'active' || s.lastAutoDebit === date || !s.installments.some((i) => i.dueDate === date)) continue;
    const amount = options.dueOn(s, date);
    if (amount === 0n) continue;
    const withdrawId = options.stepId(`autodebit\n${contractId}\n${date}`, 'withdraw');
    due.push({ contractId, linked: s.application!.linkedAccountId, due: amount, withdrawId, reference: `autodebit:${contractId}:${date}`.slice(0, 128), at: `${date}T23:59:59.999Z` });
  }

  for (const round of roundsOf(due)) {
    const takes = new Map<DueLoan, bigint>();
    for (const loan of round) {
      // A withdrawal already made (a run resumed after a crash) keeps its amount: the balance has moved since.
      const made = (await options.store.readStream(options.demandStreamOf(loan.linked))).find((e) => e.metadata.commandId === loan.withdrawId);
      const available = options.availableOf(loan.linked);
      takes.set(loan, made !== undefined ? decimalToMinor((made.data as { amount: string }).amount, options.asset.scale) : available < loan.due ? (available > 0n ? available : 0n) : loan.due);
    }
    const withdrawing = round.filter((loan) => takes.get(loan)! > 0n);
    const withdrawn = await options.handleDemand(
      withdrawing.map((loan) => ({
        stream: options.demandStreamOf(loan.linked),
        command: { type: 'Withdraw', amount: text(takes.get(loan)!), destination: 'internal', reference: loan.reference, on: date, at: loan.at },
        context: options.contextOf(loan.withdrawId, 'close-of-business'),
      })),
    );
    const repaying = withdrawing.filter((_, index) => !failed(withdrawn[index]!));
    const repaid = await options.handleLoans(
      repaying.map((loan) => ({
        stream: options.loanStreamOf(loan.contractId),
        command: { type: 'Repay', amount: text(takes.get(loan)!), source: 'auto-debit', overpayment: 'refund', reference: loan.reference, on: date, at: loan.at },
        context: options.contextOf(options.stepId(loan.withdrawId, 'repay'), 'close-of-business'),
      })),
    );
    for (const [index, loan] of repaying.entries()) {
      if (!failed(repaid[index]!)) outcomes.set(loan.contractId, 'taken');
      else await options.depositBack(loan.linked, text(takes.get(loan)!), `return:${loan.reference}`.slice(0, 128), date, loan.at, options.stepId(loan.withdrawId, 'return'));
    }
    const short = round.filter((loan) => outcomes.get(loan.contractId) !== 'taken');
    const recorded = await options.handleLoans(
      short.map((loan) => ({
        stream: options.loanStreamOf(loan.contractId),
        command: { type: 'RecordShortfall', on: date, at: loan.at },
        context: options.contextOf(options.stepId(loan.withdrawId, 'shortfall'), 'close-of-business'),
      })),
    );
    for (const [index, loan] of short.entries()) {
      const result = recorded[index]!;
      if (E.isLeft(result)) throw result.left;
      outcomes.set(loan.contractId, 'short');
    }
  }
  return outcomes;
};
