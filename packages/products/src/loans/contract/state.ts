/**
 * The state of a loan contract, rebuilt by folding its events. Two views are kept side by side:
 * what the borrower owes (per installment, plus penalty), and the balances of the loan's ledger
 * accounts (principal, interest and penalty receivable, allowance) and of its share of the bank's
 * memo and credit accounts. Every event that moves one moves the ledger by exactly that much
 * (see postingRules.ts), which the property tests check against the book.
 */
import type { BusinessDate } from '../../calendar/businessDate.js';
import type { Ratio } from '../../interest/ratio.js';
import type { RateTable } from '../../rates/rateTable.js';
import type { ManualClassification } from '../classification/classifyLoan.js';
import type { RiskClass } from '../classification/riskClass.js';
import type { CreditDecision } from '../credit/decision.js';
import type { LoanChannel, RepaymentMethod } from '../products/loanProduct.js';
import type { Benchmark } from '../pricing/lprTable.js';
import type { FeeSettlement } from '../fees/feeRules.js';
import type { ApplicantFacts } from './commands.js';

/** Where the contract is in its life. */
export type LoanStatus = 'none' | 'applied' | 'decided' | 'approved' | 'signed' | 'active' | 'closed' | 'written-off';

/** One installment: planned principal, and once billed what fell due and what was paid (minor units). */
export interface Installment {
  readonly period: number;
  readonly dueDate: BusinessDate;
  readonly plannedPrincipal: bigint;
  readonly billed: boolean;
  readonly principalDue: bigint;
  readonly interestDue: bigint;
  readonly principalPaid: bigint;
  readonly interestPaid: bigint;
}

/** What was applied for. */
export interface LoanApplication {
  readonly borrowerId: string;
  readonly productCode: string;
  readonly amount: bigint;
  readonly termMonths: number;
  readonly repaymentMethod: RepaymentMethod;
  readonly purpose: string;
  readonly channel: LoanChannel;
  readonly partnerId: string | undefined;
  readonly linkedAccountId: string;
  readonly applicant: ApplicantFacts;
  readonly on: BusinessDate;
}

/** The approved terms. */
export interface LoanTerms {
  readonly limit: bigint;
  readonly benchmark: Benchmark;
  readonly spreadBps: string;
  readonly annualRate: string;
}

/** The whole contract. */
export interface LoanState {
  readonly status: LoanStatus;
  readonly contractId: string | undefined;
  readonly application: LoanApplication | undefined;
  readonly decision: CreditDecision | undefined;
  readonly terms: LoanTerms | undefined;
  readonly termsHash: string | undefined;
  readonly disbursedOn: BusinessDate | undefined;
  readonly disbursed: bigint;
  readonly rates: RateTable;
  readonly installments: readonly Installment[];
  /** The equal installment or equal principal part of the current plan, when the method has one. */
  readonly scheduledAmount: bigint | undefined;
  /** Principal not yet billed: it bears contract interest. */
  readonly currentPrincipal: bigint;
  /** The last day accrued (the day before disbursement until the first close of business). */
  readonly lastAccrued: BusinessDate | undefined;
  /** The latest value date of a movement: value dates never go backwards. */
  readonly lastMovement: BusinessDate | undefined;
  /** Exact contract interest since the current period started, and its rounded part already booked. */
  readonly periodStart: BusinessDate | undefined;
  readonly periodInterest: Ratio;
  readonly periodBooked: bigint;
  /** Exact penalty since disbursement, its rounded part booked, and what was paid (penalty and compound interest together). */
  readonly penaltyInterest: Ratio;
  readonly penaltyBooked: bigint;
  /** Exact compound interest on overdue interest since disbursement, and its rounded part booked. */
  readonly compoundInterest: Ratio;
  readonly compoundBooked: bigint;
  readonly penaltyPaid: bigint;
  /** Ledger mirrors: the loan's receivables on balance sheet, its interest in the NPL memo, its allowance. */
  readonly principalReceivable: bigint;
  readonly interestReceivable: bigint;
  readonly penaltyReceivable: bigint;
  readonly interestOffBalance: bigint;
  readonly penaltyOffBalance: bigint;
  readonly allowance: bigint;
  /** Overpayments held for the borrower. */
  readonly credit: bigint;
  readonly riskClass: RiskClass;
  /** The manual downgrade in force: close of business keeps it until the days-past-due floor is worse. */
  readonly manual: ManualClassification | undefined;
  /** True while non-performing: interest and penalty accrue to the memo, not to income. */
  readonly nonAccrual: boolean;
  readonly prepayments: number;
  /** The last date the auto-debit ran (taken or short): close of business runs it once a date. */
  readonly lastAutoDebit: BusinessDate | undefined;
  /** Ledger mirror of the loan's fee receivable: fees charged to the loan and not yet paid (what the borrower owes in fees). */
  readonly feeReceivable: bigint;
  /** The origination fee charged at payout, and how it was settled (reversed with the payout). */
  readonly originationFee: { readonly amount: bigint; readonly settlement: FeeSettlement } | undefined;
  /** Periods of the installments already charged a late-payment fee: one charge per installment. */
  readonly lateFeePeriods: readonly number[];
  /** The value date of the movement that last cleared every overdue amount, penalty and fee: the start of an upgrade observation. */
  readonly arrearsClearedOn: BusinessDate | undefined;
  /** The claim kept off balance sheet after a write-off (minor units), by component. */
  readonly writtenOff: { readonly principal: bigint; readonly interest: bigint; readonly penalty: bigint; readonly fee: bigint };
}

const ZERO_RATIO: Ratio = { num: 0n, den: 1n };

/** Before `Apply`. */
export const initialLoanState = (): LoanState => ({
  status: 'none',
  contractId: undefined,
  application: undefined,
  decision: undefined,
  terms: undefined,
  termsHash: undefined,
  disbursedOn: undefined,
  disbursed: 0n,
  rates: [],
  installments: [],
  scheduledAmount: undefined,
  currentPrincipal: 0n,
  lastAccrued: undefined,
  lastMovement: undefined,
  periodStart: undefined,
  periodInterest: ZERO_RATIO,
  periodBooked: 0n,
  penaltyInterest: ZERO_RATIO,
  penaltyBooked: 0n,
  compoundInterest: ZERO_RATIO,
  compoundBooked: 0n,
  penaltyPaid: 0n,
  principalReceivable: 0n,
  interestReceivable: 0n,
  penaltyReceivable: 0n,
  interestOffBalance: 0n,
  penaltyOffBalance: 0n,
  allowance: 0n,
  credit: 0n,
  riskClass: 'normal',
  manual: undefined,
  nonAccrual: false,
  prepayments: 0,
  lastAutoDebit: undefined,
  feeReceivable: 0n,
  originationFee: undefined,
  lateFeePeriods: [],
  arrearsClearedOn: undefined,
  writtenOff: { principal: 0n, interest: 0n, penalty: 0n, fee: 0n },
});

/** Penalty owed (compound interest included): booked minus paid. */
export const penaltyOwed = (state: LoanState): bigint => state.penaltyBooked + state.compoundBooked - state.penaltyPaid;

/** Principal and interest billed and still unpaid on an installment. */
export const unpaidOf = (i: Installment): { readonly principal: bigint; readonly interest: bigint } => ({
  principal: i.principalDue - i.principalPaid,
  interest: i.interestDue - i.interestPaid,
});

/** Everything the borrower owes today, interest of the running period and fees included (what a payoff settles). */
export const totalOwed = (state: LoanState): bigint =>
  state.installments.reduce((sum, i) => {
    const u = unpaidOf(i);
    return sum + u.principal + u.interest;
  }, 0n) +
  penaltyOwed(state) +
  state.feeReceivable +
  state.currentPrincipal +
  state.periodBooked;
