/**
 * Loan contracts: one aggregate per loan, from application to closure, its money moving only
 * through ledger postings (see postingRules.ts for the money design).
 */
export { loanDecider, type LoanDecider } from './decider.js';
export type { LoanContext } from './context.js';
export {
  OVERPAYMENT_OPTIONS,
  PREPAYMENT_OPTIONS,
  REPAYMENT_SOURCES,
  type ApplicantFacts,
  type DowngradeCommand,
  type LoanCommand,
  type OverpaymentOption,
  type PrepaymentOption,
  type RepaymentSource,
} from './commands.js';
export { loanEventSchemas, type LoanEvent } from './events.js';
export { initialLoanState, totalOwed, type Installment, type LoanState, type LoanStatus } from './state.js';
export { payoffQuote } from './decideRepayment.js';
export { duesOn } from './allocation.js';
export { LOAN_CONTRACT_ROLES, loanLedgerEffects, loanPostingCodes, loanPostingRules, type LoanContractRole, type LoanRole, type LoanRoleResolver } from './postingRules.js';
