/**
 * The ledger effects of demand-deposit events, as a posting rule table. Roles:
 * `customer` (the contract's liability account), `settlement` (the bank's cash and payment
 * channels: cash, unbound accounts, spending), `boundClearing` (internal clearing for movements
 * with the bound Class I account and the customer's other products at this bank), `interestExpense`, `interestPayable`, `withholdingTaxPayable`.
 *
 * Accrual basis: each accrual books its `ledgerAmount` (expense to payable) and the credit moves
 * payable to the customer and the tax authority. Cash basis: nothing is booked until the credit,
 * which books the expense directly.
 */
import type { AccountIntent, LedgerEffects } from '../../posting/ledgerEffects.js';
import { applyPostingRules, type PostingRuleTable, type RoleResolver } from '../../posting/postingRules.js';
import type { DemandDepositEvent } from './events.js';
import type { DemandDepositProduct } from './product.js';

/** The accounts demand-deposit postings name. */
export type DemandRole = 'customer' | 'settlement' | 'boundClearing' | 'interestExpense' | 'interestPayable' | 'withholdingTaxPayable';

/** Resolves a demand role to a ledger account id for an event (the chart binding). */
export type DemandRoleResolver = RoleResolver<DemandRole, DemandDepositEvent>;

const when = (condition: boolean, amount: string): string => (condition ? amount : '0');
// Money that stays in the bank (the bound account, the customer's own products, another customer's account) moves through internal clearing.
const viaClearing = (counterparty: string): boolean => counterparty === 'bound_account' || counterparty === 'internal' || counterparty === 'customer_account';

/** The rule table for a product's transfer codes. */
export const demandPostingRules = (product: DemandDepositProduct): PostingRuleTable<DemandRole, DemandDepositEvent> => {
  const codes = product.transferCodes;
  return {
    // One of each pair is zero (and dropped): the counterparty decides the bank-side account.
    DepositMade: [
      { key: 'principal', debit: 'settlement', credit: 'customer', amount: (d) => when(!viaClearing(d.source), d.amount), code: codes.deposit },
      { key: 'principal', debit: 'boundClearing', credit: 'customer', amount: (d) => when(viaClearing(d.source), d.amount), code: codes.deposit },
    ],
    WithdrawalMade: [
      { key: 'principal', debit: 'customer', credit: 'settlement', amount: (d) => when(!viaClearing(d.destination), d.amount), code: codes.withdrawal },
      { key: 'principal', debit: 'customer', credit: 'boundClearing', amount: (d) => when(viaClearing(d.destination), d.amount), code: codes.withdrawal },
    ],
    InterestAccrued: [{ key: 'accrual', debit: 'interestExpense', credit: 'interestPayable', amount: (d) => d.ledgerAmount, code: codes.interestAccrual, basis: ['accrual'] }],
    // Interest goes to the customer's account, or at close straight to where the balance goes.
    InterestPosted: [
      { key: 'interest', debit: 'interestPayable', credit: 'customer', amount: (d) => when(d.paidTo === undefined, d.net), code: codes.interestPayment, basis: ['accrual'] },
      { key: 'interest', debit: 'interestPayable', credit: 'settlement', amount: (d) => when(d.paidTo !== undefined && !viaClearing(d.paidTo), d.net), code: codes.interestPayment, basis: ['accrual'] },
      { key: 'interest', debit: 'interestPayable', credit: 'boundClearing', amount: (d) => when(d.paidTo !== undefined && viaClearing(d.paidTo), d.net), code: codes.interestPayment, basis: ['accrual'] },
      { key: 'tax', debit: 'interestPayable', credit: 'withholdingTaxPayable', amount: (d) => d.tax, code: codes.withholdingTax, basis: ['accrual'] },
      { key: 'interest', debit: 'interestExpense', credit: 'customer', amount: (d) => when(d.paidTo === undefined, d.net), code: codes.interestPayment, basis: ['cash'] },
      { key: 'interest', debit: 'interestExpense', credit: 'settlement', amount: (d) => when(d.paidTo !== undefined && !viaClearing(d.paidTo), d.net), code: codes.interestPayment, basis: ['cash'] },
      { key: 'interest', debit: 'interestExpense', credit: 'boundClearing', amount: (d) => when(d.paidTo !== undefined && viaClearing(d.paidTo), d.net), code: codes.interestPayment, basis: ['cash'] },
      { key: 'tax', debit: 'interestExpense', credit: 'withholdingTaxPayable', amount: (d) => d.tax, code: codes.withholdingTax, basis: ['cash'] },
    ],
  };
};

/**
 * What one event asks of the ledger: the postings of the product's rule table under its
 * accounting basis, and for `DemandDepositOpened` the customer's deposit account, guarded so that
 * the ledger, not the aggregate, refuses a debit beyond the balance.
 */
export function demandLedgerEffects(product: DemandDepositProduct, event: DemandDepositEvent, resolveRole: DemandRoleResolver): LedgerEffects {
  const postings = applyPostingRules(demandPostingRules(product), product.accountingBasis, event, resolveRole, product.ledger);
  const accounts: AccountIntent[] =
    event.type === 'DemandDepositOpened'
      ? [
          {
            id: resolveRole('customer', event),
            ledger: product.ledger,
            code: product.customerAccountCode,
            type: 'liability',
            guard: 'debits_must_not_exceed_credits',
            metadata: { product: product.code, contractId: event.data.contractId, accountClass: event.data.accountClass },
          },
        ]
      : [];
  return { accounts, postings };
}
