/**
 * The bank's default chart of accounts, as data. Account codes are four-digit subjects in the
 * style of the PRC chart for financial enterprises (1xxx assets, 2xxx liabilities, 5xxx/6xxx
 * profit and loss); each product owns the subjects its contracts' accounts use. Transfer codes
 * are reasons, a block of a thousand per product. A bank adapts the chart by building its own with
 * the same functions; codes already used in a ledger are never renumbered.
 */
import { accountCodeRegistry, transferCodeRegistry } from './codeRegistry.js';
import { BANK_PRODUCT, chartOfAccounts, type ChartOfAccounts } from './chartOfAccounts.js';

/** The default chart: account and transfer code ranges of every product line, and the named accounts. */
export const DEFAULT_CHART: ChartOfAccounts = chartOfAccounts({
  accountCodes: accountCodeRegistry([
    // The bank's general ledger, by class: cash and settlement; clearing and suspense; payables; interest expense.
    { product: BANK_PRODUCT, from: 1001, to: 1099 },
    { product: BANK_PRODUCT, from: 1900, to: 1999 },
    { product: BANK_PRODUCT, from: 2200, to: 2239 },
    { product: BANK_PRODUCT, from: 5200, to: 5299 },
    { product: 'loan', from: 1301, to: 1309 }, // loans receivable and their sub-subjects
    { product: 'demand-deposit', from: 2011, to: 2011 }, // customer demand deposits (活期存款)
    { product: 'time-deposit', from: 2012, to: 2012 }, // customer time deposits (定期存款)
    { product: 'partner', from: 2241, to: 2249 }, // amounts owed to partners (co-lenders, channels)
    { product: 'points', from: 2401, to: 2409 }, // loyalty points outstanding
    { product: 'wealth', from: 2501, to: 2509 }, // wealth-management money in transit
  ]),
  transferCodes: transferCodeRegistry([
    { product: BANK_PRODUCT, from: 1, to: 999 }, // the bank's own movements (cash in and out, payments, clearing)
    { product: 'demand-deposit', from: 1000, to: 1999 },
    { product: 'time-deposit', from: 2000, to: 2999 },
    { product: 'loan', from: 3000, to: 3999 },
    { product: 'wealth', from: 4000, to: 4999 },
    { product: 'partner', from: 5000, to: 5999 },
    { product: 'points', from: 6000, to: 6999 },
  ]),
  accounts: [
    // 1001 库存现金: banknotes and coins in the bank's vaults and tellers' tills.
    { product: BANK_PRODUCT, name: 'cash', code: 1001, type: 'asset', description: 'Cash on hand' },
    // 1002 存放中央银行款项 / 备付金: reserves at the PBoC and provisions at payment channels, through
    // which customer money arrives and leaves.
    { product: BANK_PRODUCT, name: 'settlement', code: 1002, type: 'asset', description: 'Settlement with the central bank and payment channels' },
    // 1901: the transit account of movements between the bank's own books and ledgers; nets to zero daily.
    { product: BANK_PRODUCT, name: 'internal-clearing', code: 1901, type: 'asset', description: 'Internal clearing' },
    // 1902 挂账: money that cannot be matched yet (an unknown payee); worked off by corrections.
    { product: BANK_PRODUCT, name: 'suspense', code: 1902, type: 'asset', description: 'Suspense' },
    // 2221 应交税费: tax withheld from customers' interest, owed to the tax authority.
    { product: BANK_PRODUCT, name: 'withholding-tax-payable', code: 2221, type: 'liability', description: 'Withholding tax payable' },
    // 2231 应付利息: interest accrued on deposits but not yet credited to customers.
    { product: BANK_PRODUCT, name: 'interest-payable', code: 2231, type: 'liability', description: 'Interest payable on deposits' },
    // 5211 利息支出: the cost of deposits, booked daily (accrual) or when paid (cash basis).
    { product: BANK_PRODUCT, name: 'interest-expense', code: 5211, type: 'expense', description: 'Interest expense on deposits' },
    // 2011: what the bank owes each demand depositor; the ledger refuses to debit it below zero.
    { product: 'demand-deposit', name: 'customer', code: 2011, type: 'liability', guard: 'debits_must_not_exceed_credits', description: 'Customer demand deposits' },
    // 2012: what the bank owes each time depositor, principal until maturity.
    { product: 'time-deposit', name: 'customer', code: 2012, type: 'liability', guard: 'debits_must_not_exceed_credits', description: 'Customer time deposits' },
    // 1301 贷款: principal a borrower owes; the ledger refuses repayments beyond it.
    { product: 'loan', name: 'principal', code: 1301, type: 'asset', guard: 'credits_must_not_exceed_debits', description: 'Loans receivable, principal' },
    // 2241: a partner's share of collected money (a co-lender's principal and interest), until settled.
    { product: 'partner', name: 'payable', code: 2241, type: 'liability', description: 'Payable to partners' },
    // 2401: points a customer holds, in the points ledger; never spent below zero.
    { product: 'points', name: 'customer', code: 2401, type: 'liability', guard: 'debits_must_not_exceed_credits', description: 'Customer points outstanding' },
    // 2501: customer money for wealth products between subscription and confirmation (or refund).
    { product: 'wealth', name: 'subscription', code: 2501, type: 'liability', description: 'Wealth-management subscriptions in transit' },
  ],
});
