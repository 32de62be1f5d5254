/**
 * The default binding of the deposit products' roles to the chart of accounts: a contract's own
 * account is `<product>:<contractId>:customer`; every other role is one of the bank's
 * general-ledger accounts in the product's ledger (`gl.CNY.interest-payable`, ...).
 */
import { bankAccountId, contractAccountId } from '../chart/accountIds.js';
import type { DemandRoleResolver } from './demand/postingRules.js';
import type { TimeDepositRoleResolver } from './time/postingRules.js';

/** Product names of the deposit lines in the default chart. */
export const DEMAND_DEPOSIT_PRODUCT = 'demand-deposit';
export const TIME_DEPOSIT_PRODUCT = 'time-deposit';

const BANK_ACCOUNT_OF = {
  settlement: 'settlement',
  boundClearing: 'internal-clearing',
  funding: 'internal-clearing',
  interestExpense: 'interest-expense',
  interestPayable: 'interest-payable',
  withholdingTaxPayable: 'withholding-tax-payable',
} as const;

/** Demand-deposit roles in `ledger`, bound to the default chart. */
export const demandChartRoles =
  (ledger: string): DemandRoleResolver =>
  (role, event) =>
    role === 'customer' ? contractAccountId(DEMAND_DEPOSIT_PRODUCT, event.data.contractId, 'customer') : bankAccountId(ledger, BANK_ACCOUNT_OF[role]);

/** Time-deposit roles in `ledger`, bound to the default chart (money comes from and goes to internal clearing). */
export const timeDepositChartRoles =
  (ledger: string): TimeDepositRoleResolver =>
  (role, event) =>
    role === 'deposit' ? contractAccountId(TIME_DEPOSIT_PRODUCT, event.data.contractId, 'customer') : bankAccountId(ledger, BANK_ACCOUNT_OF[role]);
