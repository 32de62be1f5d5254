/**
 * The ledger effects of loan events. Money design:
 * - Per loan: `principal` (1301, guarded: credits never exceed debits, so no repayment can take
 *   more principal than was lent), `interestReceivable` (1302), `penaltyReceivable` (1303),
 *   `allowance` (1304, the loss allowance, a contra-asset with a credit balance), and for products
 *   that charge fees `feeReceivable` (1305: fees charged and not yet paid).
 * - Fees (`FeeCharged`) are income when charged: owed on the fee receivable, or deducted from the
 *   payout (out of clearing, so the borrower's deposit is the payout less the fee); a repayment's fee
 *   part credits the fee receivable.
 * - Bank: `clearing` (internal clearing: payouts leave and repayments arrive through it, from and
 *   to the borrower's demand account), `interestIncome`, `penaltyIncome`, `feeIncome`,
 *   `impairment` (provision expense), `creditBalances` (overpayments held), and two memo pairs
 *   (`nplMemo`/`nplMemoContra` for interest of non-performing loans, `writtenOffMemo`/
 *   `writtenOffMemoContra` for written-off claims) that never touch the balance sheet.
 * Two-leg movements are rule-table postings (held, then posted); a repayment, a prepayment, a
 * payoff, held credit applied to an installment, the accrual stop, a write-off and a recovery are each ONE journal entry, crediting only
 * money the entry's debit brought into clearing or the loan's own receivables.
 */
import type { AccountIntent, JournalIntent, JournalLegIntent, LedgerEffects } from '../../posting/ledgerEffects.js';
import { applyPostingRules, type PostingRuleTable, type RoleResolver } from '../../posting/postingRules.js';
import { textOf, type LoanContext } from './context.js';
import type { AllocationData, LoanEvent } from './events.js';
import type { LoanTransferCodes } from '../products/loanProductParts.js';
import { chargesFees } from '../fees/feeRules.js';
import { decimalToMinor } from '@ecoledger/ledger';

/** A loan contract's own accounts. */
export type LoanContractRole = 'principal' | 'interestReceivable' | 'penaltyReceivable' | 'allowance' | 'feeReceivable';
/** Every role loan postings name. */
export type LoanRole =
  | LoanContractRole
  | 'clearing'
  | 'interestIncome'
  | 'penaltyIncome'
  | 'feeIncome'
  | 'impairment'
  | 'creditBalances'
  | 'nplMemo'
  | 'nplMemoContra'
  | 'writtenOffMemo'
  | 'writtenOffMemoContra';

/** Resolves a role to a ledger account id for a contract (the chart binding). */
export type LoanRoleResolver = (role: LoanRole, contractId: string) => string;
/** Opens a contract account (code, type and guard from the chart). */
export type LoanAccountOpener = (role: LoanContractRole, contractId: string) => AccountIntent;

/** Transfer codes of the loan's postings: the product's, each named there. */
export const loanPostingCodes = (context: LoanContext): LoanTransferCodes => context.product.transferCodes;

const when = (condition: boolean, amount: string): string => (condition ? amount : '0');

/** The rules of fee charges and their reversal (products with fees, which name a fee transfer code). */
const feeRules = (code: number): PostingRuleTable<LoanRole, LoanEvent> => ({
  FeeCharged: [
    { key: 'fee', debit: 'feeReceivable', credit: 'feeIncome', amount: (d) => when(d.settlement === 'receivable', d.amount), code },
    { key: 'fee', debit: 'clearing', credit: 'feeIncome', amount: (d) => when(d.settlement === 'deducted', d.amount), code },
  ],
  FeeReversed: [
    { key: 'fee', debit: 'feeIncome', credit: 'feeReceivable', amount: (d) => when(d.settlement === 'receivable', d.amount), code },
    { key: 'fee', debit: 'feeIncome', credit: 'clearing', amount: (d) => when(d.settlement === 'deducted', d.amount), code },
  ],
});

/** The two-leg rules. */
export const loanPostingRules = (context: LoanContext): PostingRuleTable<LoanRole, LoanEvent> => {
  const codes = loanPostingCodes(context);
  return {
    LoanDisbursed: [{ key: 'principal', debit: 'principal', credit: 'clearing', amount: (d) => d.amount, code: codes.disbursement }],
    DisbursementReversed: [{ key: 'principal', debit: 'clearing', credit: 'principal', amount: (d) => d.amount, code: codes.disbursement }],
    InterestAccrued: [
      { key: 'accrual', debit: 'interestReceivable', credit: 'interestIncome', amount: (d) => when(!d.offBalanceSheet, d.ledgerAmount), code: codes.interestAccrual },
      { key: 'accrual', debit: 'nplMemo', credit: 'nplMemoContra', amount: (d) => when(d.offBalanceSheet, d.ledgerAmount), code: codes.interestAccrual },
    ],
    PenaltyAccrued: [
      { key: 'penalty', debit: 'penaltyReceivable', credit: 'penaltyIncome', amount: (d) => when(!d.offBalanceSheet, d.ledgerAmount), code: codes.penaltyInterest },
      { key: 'penalty', debit: 'nplMemo', credit: 'nplMemoContra', amount: (d) => when(d.offBalanceSheet, d.ledgerAmount), code: codes.penaltyInterest },
    ],
    CompoundInterestAccrued: [
      { key: 'compound', debit: 'penaltyReceivable', credit: 'penaltyIncome', amount: (d) => when(!d.offBalanceSheet, d.ledgerAmount), code: codes.penaltyInterest },
      { key: 'compound', debit: 'nplMemo', credit: 'nplMemoContra', amount: (d) => when(d.offBalanceSheet, d.ledgerAmount), code: codes.penaltyInterest },
    ],
    CreditRefunded: [{ key: 'refund', debit: 'creditBalances', credit: 'clearing', amount: (d) => d.amount, code: codes.creditRefund }],
    ProvisionAdjusted: [
      { key: 'charge', debit: 'impairment', credit: 'allowance', amount: (d) => d.charge, code: codes.provision },
      { key: 'release', debit: 'allowance', credit: 'impairment', amount: (d) => d.release, code: codes.provision },
    ],
    LoanWrittenOff: [{ key: 'release', debit: 'allowance', credit: 'impairment', amount: (d) => d.allowanceReleased, code: codes.provision }],
    LoanClosed: [{ key: 'release', debit: 'allowance', credit: 'impairment', amount: (d) => d.provisionReleased, code: codes.provision }],
    ...(codes.fee === undefined ? {} : feeRules(codes.fee)),
  };
};

/** The journal entries of an event (see the module comment). */
export const loanJournals = (context: LoanContext, event: LoanEvent, resolve: LoanRoleResolver): JournalIntent[] => {
  const codes = loanPostingCodes(context);
  const { scale } = context.product.asset;
  const m = (text: string): bigint => decimalToMinor(text, scale);
  const t = (minor: bigint): string => textOf(context, minor);
  const id = resolve;
  const contractId = event.data.contractId;
  const leg = (role: LoanRole, side: 'debit' | 'credit', amount: string): JournalLegIntent => ({ accountId: id(role, contractId), side, amount });
  const received = (a: AllocationData, cash: bigint, extraPrincipal: bigint, held: bigint, from: LoanRole = 'clearing'): JournalIntent => {
    const memo = t(m(a.interestOffBalance) + m(a.penaltyOffBalance));
    return {
      key: 'repayment',
      code: codes.principalRepayment,
      legs: [
        leg(from, 'debit', t(cash)),
        leg('principal', 'credit', t(m(a.principal) + extraPrincipal)),
        leg('interestReceivable', 'credit', t(m(a.interest) - m(a.interestOffBalance))),
        leg('interestIncome', 'credit', a.interestOffBalance),
        leg('penaltyReceivable', 'credit', t(m(a.penalty) - m(a.penaltyOffBalance))),
        leg('penaltyIncome', 'credit', a.penaltyOffBalance),
        leg('feeReceivable', 'credit', a.fee),
        leg('creditBalances', 'credit', t(held)),
        leg('nplMemoContra', 'debit', memo),
        leg('nplMemo', 'credit', memo),
      ],
    };
  };
  switch (event.type) {
    case 'RepaymentReceived': {
      const d = event.data;
      return [received(d.allocation, m(d.amount) - m(d.refunded), 0n, m(d.heldAsCredit))];
    }
    case 'PrepaymentMade':
      return [received(event.data.allocation, m(event.data.amount), m(event.data.principalPrepaid), 0n)];
    case 'CreditApplied':
      // Held credit pays like money arriving, from the credit balances instead of clearing.
      return [received(event.data.allocation, m(event.data.amount), 0n, 0n, 'creditBalances')];
    case 'LoanPaidOff':
      return [received(event.data.allocation, m(event.data.amount) - m(event.data.refunded), 0n, 0n)];
    case 'AccrualStopped': {
      const d = event.data;
      const total = t(m(d.interest) + m(d.penalty));
      return [
        {
          key: 'non-accrual',
          code: codes.nonAccrual,
          legs: [leg('interestIncome', 'debit', d.interest), leg('interestReceivable', 'credit', d.interest), leg('penaltyIncome', 'debit', d.penalty), leg('penaltyReceivable', 'credit', d.penalty), leg('nplMemo', 'debit', total), leg('nplMemoContra', 'credit', total)],
        },
      ];
    }
    case 'LoanWrittenOff': {
      const d = event.data;
      return [
        {
          key: 'write-off',
          code: codes.writeOff,
          legs: [
            leg('allowance', 'debit', d.allowanceUsed),
            leg('impairment', 'debit', d.additionalCharge),
            leg('principal', 'credit', d.principal),
            leg('interestReceivable', 'credit', d.interest),
            leg('penaltyReceivable', 'credit', d.penalty),
            leg('feeReceivable', 'credit', d.fee ?? '0'),
            leg('nplMemoContra', 'debit', d.offBalanceInterest),
            leg('nplMemo', 'credit', d.offBalanceInterest),
            leg('writtenOffMemo', 'debit', d.retainedClaim),
            leg('writtenOffMemoContra', 'credit', d.retainedClaim),
          ],
        },
      ];
    }
    case 'RecoveryReceived': {
      const d = event.data;
      // Recovered principal restores the allowance, which a written-off loan no longer needs: net, a credit to impairment.
      return [
        {
          key: 'recovery',
          code: codes.recovery,
          legs: [
            leg('clearing', 'debit', d.amount),
            leg('impairment', 'credit', d.principal),
            leg('interestIncome', 'credit', d.interest),
            leg('penaltyIncome', 'credit', d.penalty),
            leg('feeIncome', 'credit', d.fee),
            leg('writtenOffMemoContra', 'debit', d.amount),
            leg('writtenOffMemo', 'credit', d.amount),
          ],
        },
      ];
    }
    default:
      return [];
  }
};

/** The contract accounts a disbursement opens (and `feeReceivable` too when the product charges fees). */
export const LOAN_CONTRACT_ROLES: readonly LoanContractRole[] = Object.freeze(['principal', 'interestReceivable', 'penaltyReceivable', 'allowance']);
const WITH_FEES: readonly LoanContractRole[] = Object.freeze([...LOAN_CONTRACT_ROLES, 'feeReceivable']);

/** What one loan event asks of the ledger. */
export function loanLedgerEffects(context: LoanContext, event: LoanEvent, resolve: LoanRoleResolver, open: LoanAccountOpener): LedgerEffects {
  const byRole: RoleResolver<LoanRole, LoanEvent> = (role, e) => resolve(role, e.data.contractId);
  const postings = applyPostingRules(loanPostingRules(context), 'accrual', event, byRole, context.product.ledger);
  const roles = chargesFees(context.product.fees) ? WITH_FEES : LOAN_CONTRACT_ROLES;
  const accounts = event.type === 'LoanDisbursed' ? roles.map((role) => open(role, event.data.contractId)) : [];
  return { accounts, postings, journals: loanJournals(context, event, resolve) };
}
