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
    // Loans: income (6xxx), impairment expense, and the off-balance-sheet memo pairs (表外, 9xxx).
    { product: BANK_PRODUCT, from: 6000, to: 6099 },
    { product: BANK_PRODUCT, from: 6700, to: 6799 },
    { product: BANK_PRODUCT, from: 9000, to: 9099 },
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
    // Loans (loans/contract): a contract's receivables and allowance, and the bank's loan income,
    // impairment expense, overpayments held and off-balance-sheet memo pairs.
    // 1302 应收利息: contract interest accrued daily and not yet paid (stops at non-performing).
    { product: 'loan', name: 'interest-receivable', code: 1302, type: 'asset', description: 'Loans receivable, accrued interest' },
    // 1303: penalty (罚息) and compound interest accrued on overdue money and not yet paid.
    { product: 'loan', name: 'penalty-receivable', code: 1303, type: 'asset', description: 'Loans receivable, penalty interest' },
    // 1304 贷款损失准备: the loan's loss allowance, a contra-asset (credit balance) presented net of 1301.
    { product: 'loan', name: 'allowance', code: 1304, type: 'liability', description: 'Loan loss allowance (contra-asset)' },
    // 1305: fees charged to a loan (a financed origination fee, late-payment fees) and not yet paid.
    { product: 'loan', name: 'fee-receivable', code: 1305, type: 'asset', description: 'Loans receivable, fees' },
    // 2236: repayments beyond what a loan owes, held for the borrower until applied or refunded.
    { product: BANK_PRODUCT, name: 'loan-credit-balances', code: 2236, type: 'liability', description: 'Loan overpayments held for borrowers' },
    // 6011 利息收入: contract interest earned on loans, booked daily while a loan performs.
    { product: BANK_PRODUCT, name: 'loan-interest-income', code: 6011, type: 'income', description: 'Interest income on loans' },
    // 6012: penalty and compound interest earned on overdue loans.
    { product: BANK_PRODUCT, name: 'loan-penalty-income', code: 6012, type: 'income', description: 'Penalty interest income on loans' },
    // 6021 手续费收入: loan fees.
    { product: BANK_PRODUCT, name: 'loan-fee-income', code: 6021, type: 'income', description: 'Fee income on loans' },
    // 6701 资产减值损失: provisions charged (and released) as loans change class; write-offs beyond the allowance.
    { product: BANK_PRODUCT, name: 'impairment-expense', code: 6701, type: 'expense', description: 'Impairment losses on loans' },
    // 9001/9002: interest of non-performing loans kept off balance sheet (表外应收利息), a memo pair.
    { product: BANK_PRODUCT, name: 'npl-interest-memo', code: 9001, type: 'asset', description: 'Off-balance-sheet interest of non-performing loans' },
    { product: BANK_PRODUCT, name: 'npl-interest-memo-contra', code: 9002, type: 'liability', description: 'Contra of the off-balance-sheet interest memo' },
    // 9003/9004: claims on written-off loans kept for recovery (账销案存), a memo pair.
    { product: BANK_PRODUCT, name: 'written-off-memo', code: 9003, type: 'asset', description: 'Written-off loan claims kept for recovery' },
    { product: BANK_PRODUCT, name: 'written-off-memo-contra', code: 9004, type: 'liability', description: 'Contra of the written-off claims memo' },
    // 2241: a partner's share of collected money (a co-lender's principal and interest), until settled.
    { product: 'partner', name: 'payable', code: 2241, type: 'liability', description: 'Payable to partners' },
    // 2401: points a customer holds, in the points ledger; never spent below zero.
    { product: 'points', name: 'customer', code: 2401, type: 'liability', guard: 'debits_must_not_exceed_credits', description: 'Customer points outstanding' },
    // 2501: customer money for wealth products between subscription and confirmation (or refund).
    { product: 'wealth', name: 'subscription', code: 2501, type: 'liability', description: 'Wealth-management subscriptions in transit' },
  ],
});
