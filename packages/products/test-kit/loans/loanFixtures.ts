/**
 * Loan contract fixtures: the internet consumer template priced on the published LPR history, the
 * default scorecard, and command builders for one contract (`loan-1`, borrower `b-1`, demand
 * account `dd-1`) from application to disbursement on 2025-07-01.
 */
import { runAccepted } from '../runCommands.js';
import { DEFAULT_SCORECARD } from '../../src/loans/credit/defaultScorecard.js';
import { scorecardPolicy } from '../../src/loans/credit/scorecardPolicy.js';
import type { LoanCommand } from '../../src/loans/contract/commands.js';
import type { LoanContext } from '../../src/loans/contract/context.js';
import { loanDecider } from '../../src/loans/contract/decider.js';
import type { LoanEvent } from '../../src/loans/contract/events.js';
import type { LoanState } from '../../src/loans/contract/state.js';
import { LPR_HISTORY } from '../../src/loans/pricing/lprHistory.js';
import { loanProduct, type LoanProductInput } from '../../src/loans/products/loanProduct.js';
import { INTERNET_CONSUMER_LOAN_TEMPLATE } from '../../src/loans/products/templates.js';

/** The consumer loan context of the fixtures. */
export const LOAN_CONTEXT: LoanContext = { product: INTERNET_CONSUMER_LOAN_TEMPLATE, lpr: LPR_HISTORY, policy: scorecardPolicy(DEFAULT_SCORECARD) };
/** The instant commands carry. */
export const LOAN_AT = '2025-07-01T09:00:00.000Z';
/** A SHA-256 digest of some terms. */
export const TERMS_HASH = 'a'.repeat(64);

/** The fixture decider. */
export const fixtureLoanDecider = () => loanDecider(LOAN_CONTEXT);

/** `Apply` for 12,000.00 over 12 months, equal installments. */
export const applyCommand = (overrides: Partial<Extract<LoanCommand, { type: 'Apply' }>> = {}): LoanCommand => ({
  type: 'Apply',
  contractId: 'loan-1',
  borrowerId: 'b-1',
  productCode: 'consumer-loan',
  amount: '12000.00',
  termMonths: 12,
  repaymentMethod: 'equal-installment',
  purpose: 'home appliances',
  channel: 'app',
  linkedAccountId: 'dd-1',
  applicant: { monthlyIncome: '25000.00', monthlyDebtPayments: '2000.00', existingExposure: '0.00', overdueCount24Months: 0, currentlyOverdue: false, birthDate: '1990-03-15' },
  on: '2025-06-30',
  at: LOAN_AT,
  ...overrides,
});
/** The commands up to a signed contract. */
export const toSigned = (): LoanCommand[] => [
  applyCommand(),
  { type: 'DecideCredit', on: '2025-06-30', internetConsumerOutstanding: '0.00' },
  { type: 'Approve', on: '2025-06-30', at: LOAN_AT, approvedBy: 'officer-1' },
  { type: 'Sign', termsHash: TERMS_HASH, channel: 'app', at: LOAN_AT },
];
/** Disbursement of `amount` on `on`. */
export const disburse = (amount = '12000.00', on = '2025-07-01'): LoanCommand => ({ type: 'Disburse', amount, on, at: LOAN_AT, reference: 'payout-1' });
/** A manual repayment. */
export const repay = (amount: string, on: string, overpayment: 'refund' | 'hold' = 'refund'): LoanCommand => ({ type: 'Repay', amount, source: 'manual', overpayment, reference: `pay-${on}`, on, at: LOAN_AT });
/** Close of business of `date`: accrue, then assess. */
export const cob = (date: string): LoanCommand[] => [{ type: 'AccrueInterest', through: date }, { type: 'Assess', on: date }];

/** Runs commands that must all succeed. */
export const loanHistory = (commands: readonly LoanCommand[]): { events: LoanEvent[]; state: LoanState } => runAccepted(fixtureLoanDecider(), commands);

/** The fixture context with the consumer template changed by `overrides` (checked by `loanProduct`). */
export const loanContextWith = (overrides: Partial<LoanProductInput>): LoanContext => ({ ...LOAN_CONTEXT, product: loanProduct({ ...INTERNET_CONSUMER_LOAN_TEMPLATE, ...overrides }) });

/** Runs commands that must all succeed through the decider of `context`. */
export const loanHistoryIn = (context: LoanContext, commands: readonly LoanCommand[]): { events: LoanEvent[]; state: LoanState } => runAccepted(loanDecider(context), commands);
