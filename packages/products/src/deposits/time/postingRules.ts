/**
 * The ledger effects of time-deposit events, as a posting rule table. Roles: `deposit` (the
 * contract's time-deposit liability account, opened on placement), `funding` (the bank's clearing
 * account money comes from and goes to), `interestExpense`, `interestPayable` and
 * `withholdingTaxPayable`. On the cash basis interest is expensed when paid; on the accrual basis
 * it is expensed daily against interest payable, and a payment first tops up or releases the
 * accrual so that payable returns to what is still accrued.
 */
import type { AccountIntent, LedgerEffects } from '../../posting/ledgerEffects.js';
import { applyPostingRules, type PostingLegRule, type PostingRuleTable } from '../../posting/postingRules.js';
import type { InterestSettlement, TimeDepositEvent } from './events.js';
import type { TimeDepositProduct } from './product.js';

/** The accounts a time deposit posts to, by role. */
export type TimeDepositRole = 'deposit' | 'funding' | 'interestExpense' | 'interestPayable' | 'withholdingTaxPayable';

/** Resolves a role to a ledger account id for an event (the `deposit` role per contract, the others usually per product). */
export type TimeDepositRoleResolver = (role: TimeDepositRole, event: TimeDepositEvent) => string;

type Settled = { readonly settlement: InterestSettlement };

// Accrual: interest payable must equal what is still accrued after the payment; cash: expense now.
const settlementLegs = (product: TimeDepositProduct): readonly PostingLegRule<TimeDepositRole, Settled>[] => {
  const { interest, payout, withholding } = product.transferCodes;
  return [
    { key: 'accrualTopUp', debit: 'interestExpense', credit: 'interestPayable', amount: (d) => d.settlement.accrualTopUp, code: interest, basis: ['accrual'] },
    { key: 'accrualRelease', debit: 'interestPayable', credit: 'interestExpense', amount: (d) => d.settlement.accrualRelease, code: interest, basis: ['accrual'] },
    { key: 'interest', debit: 'interestPayable', credit: 'funding', amount: (d) => d.settlement.interestPaidOut, code: interest, basis: ['accrual'] },
    { key: 'interestCapitalised', debit: 'interestPayable', credit: 'deposit', amount: (d) => d.settlement.interestCapitalised, code: interest, basis: ['accrual'] },
    { key: 'tax', debit: 'interestPayable', credit: 'withholdingTaxPayable', amount: (d) => d.settlement.withholdingTax, code: withholding, basis: ['accrual'] },
    { key: 'interest', debit: 'interestExpense', credit: 'funding', amount: (d) => d.settlement.interestPaidOut, code: interest, basis: ['cash'] },
    { key: 'interestCapitalised', debit: 'interestExpense', credit: 'deposit', amount: (d) => d.settlement.interestCapitalised, code: interest, basis: ['cash'] },
    { key: 'tax', debit: 'interestExpense', credit: 'withholdingTaxPayable', amount: (d) => d.settlement.withholdingTax, code: withholding, basis: ['cash'] },
    { key: 'principal', debit: 'deposit', credit: 'funding', amount: (d) => d.settlement.principalPaidOut, code: payout },
  ];
};

/** The posting rule table of `product`'s time deposits (rolled-over terms post nothing: the money stays). */
export const timeDepositPostingRules = (product: TimeDepositProduct): PostingRuleTable<TimeDepositRole, TimeDepositEvent> => ({
  TimeDepositPlaced: [{ key: 'principal', debit: 'funding', credit: 'deposit', amount: (d) => d.principal, code: product.transferCodes.place }],
  TimeDepositInterestAccrued: [{ key: 'accrual', debit: 'interestExpense', credit: 'interestPayable', amount: (d) => d.interest, code: product.transferCodes.interest, basis: ['accrual'] }],
  TimeDepositMatured: settlementLegs(product),
  TimeDepositWithdrawnEarly: settlementLegs(product),
  TimeDepositWithdrawnAfterMaturity: settlementLegs(product),
});

/**
 * What `event` asks of the ledger: on placement the contract's deposit account (a liability the
 * book guards against going below zero), and the postings of the event under the product's basis.
 */
export function timeDepositLedgerEffects(product: TimeDepositProduct, event: TimeDepositEvent, resolveRole: TimeDepositRoleResolver): LedgerEffects {
  const accounts: AccountIntent[] =
    event.type === 'TimeDepositPlaced'
      ? [
          {
            id: resolveRole('deposit', event),
            ledger: product.ledger,
            code: product.depositAccountCode,
            type: 'liability',
            guard: 'debits_must_not_exceed_credits',
            metadata: { contractId: event.data.contractId, customerId: event.data.customerId, productCode: product.code },
          },
        ]
      : [];
  return { accounts, postings: applyPostingRules(timeDepositPostingRules(product), product.accountingBasis, event, resolveRole, product.ledger) };
}
