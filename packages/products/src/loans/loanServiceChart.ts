/** The default chart's names of the loan roles, and the ledger account of a role for a contract. */
import { bankAccountId, contractAccountId } from '../chart/accountIds.js';
import type { LoanRole } from './contract/postingRules.js';

/** The product name of loan contract accounts in the chart. */
export const LOAN_PRODUCT = 'loan';

/** The chart name of each loan role. @internal */
export const CHART_NAME_OF: Readonly<Record<LoanRole, string>> = {
  principal: 'principal',
  interestReceivable: 'interest-receivable',
  penaltyReceivable: 'penalty-receivable',
  allowance: 'allowance',
  feeReceivable: 'fee-receivable',
  clearing: 'internal-clearing',
  interestIncome: 'loan-interest-income',
  penaltyIncome: 'loan-penalty-income',
  feeIncome: 'loan-fee-income',
  impairment: 'impairment-expense',
  creditBalances: 'loan-credit-balances',
  nplMemo: 'npl-interest-memo',
  nplMemoContra: 'npl-interest-memo-contra',
  writtenOffMemo: 'written-off-memo',
  writtenOffMemoContra: 'written-off-memo-contra',
};
const CONTRACT_ROLES: readonly LoanRole[] = ['principal', 'interestReceivable', 'penaltyReceivable', 'allowance', 'feeReceivable'];

/** The ledger account of a loan role for a contract, bound to the default chart. */
export const loanAccountId = (ledger: string, role: LoanRole, contractId: string): string =>
  CONTRACT_ROLES.includes(role) ? contractAccountId(LOAN_PRODUCT, contractId, CHART_NAME_OF[role]) : bankAccountId(ledger, CHART_NAME_OF[role]);

