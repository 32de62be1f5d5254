/**
 * One borrower's outstanding internet consumer principal, loan by loan: a read model kept up to
 * date from loan events (drawn, repaid, written off) and asked by the credit decision and the
 * consumer cap check. Plain JSON (decimal strings, an array of loans), so it can be stored as is.
 */
import { CNY, minorToDecimal, type Asset } from '@ecoledger/ledger';
import { ProductsError, describeValue } from '../../errors.js';
import { closedRecord, principalOf } from '../../interest/input.js';
import { choiceOf, identifierOf, positiveAmountOf } from '../../input/fields.js';
import { MAX_LOANS_PER_BORROWER } from '../../limits.js';

/** One loan's outstanding principal (above zero: repaid loans leave the list). */
export interface LoanExposure {
  readonly loanId: string;
  readonly outstanding: string;
}

/** A borrower's exposure: the total and the loans that make it up, in major units of the asset. */
export interface BorrowerExposure {
  readonly borrowerId: string;
  readonly outstanding: string;
  readonly loans: readonly LoanExposure[];
}

/** What moves exposure: principal drawn, repaid, or written off (written-off principal no longer counts). */
export type ExposureChangeKind = 'drawn' | 'repaid' | 'written-off';
/** Every exposure change kind, for validation. */
export const EXPOSURE_CHANGE_KINDS: readonly ExposureChangeKind[] = Object.freeze(['drawn', 'repaid', 'written-off']);

/** One change from a loan event. */
export interface ExposureChange {
  readonly kind: ExposureChangeKind;
  readonly loanId: string;
  /** Principal moved, above zero. */
  readonly amount: string;
}

/** A borrower with nothing outstanding. @throws `identifier_invalid`. */
export const emptyBorrowerExposure = (borrowerId: string, asset: Asset = CNY): BorrowerExposure =>
  Object.freeze({ borrowerId: identifierOf({ borrowerId }, 'borrowerId'), outstanding: minorToDecimal(0n, asset.scale), loans: Object.freeze([]) });

/**
 * The exposure after one change. Drawing is not checked against the cap here: a drawdown event is
 * a fact; the cap is enforced before lending (checkConsumerExposure, the credit policy).
 * @throws ProductsError `exposure_change_invalid` (repaying or writing off more than the loan's
 * outstanding, an unknown loan, more than MAX_LOANS_PER_BORROWER loans), and field codes.
 */
export function applyExposureChange(exposure: BorrowerExposure, change: ExposureChange, asset: Asset = CNY): BorrowerExposure {
  const record = closedRecord(change, ['kind', 'loanId', 'amount']);
  const kind = choiceOf(record, 'kind', EXPOSURE_CHANGE_KINDS, 'exposure_change_invalid');
  const loanId = identifierOf(record, 'loanId');
  const amount = positiveAmountOf(record, 'amount', asset);
  // Stored strings are re-parsed, so a corrupted read model fails loudly instead of miscounting.
  const minor = (text: string): bigint => principalOf(text, asset, 'outstanding');
  const index = exposure.loans.findIndex((loan) => loan.loanId === loanId);
  const before = index < 0 ? 0n : minor(exposure.loans[index]!.outstanding);
  if (kind !== 'drawn' && amount > before) {
    throw new ProductsError('exposure_change_invalid', `${kind} ${describeValue(change.amount)} on loan ${describeValue(loanId)} with ${minorToDecimal(before, asset.scale)} outstanding`, 'amount');
  }
  if (index < 0 && exposure.loans.length >= MAX_LOANS_PER_BORROWER) throw new ProductsError('exposure_change_invalid', `more than ${MAX_LOANS_PER_BORROWER} loans`, 'loanId');
  const after = kind === 'drawn' ? before + amount : before - amount;
  const others = exposure.loans.filter((loan) => loan.loanId !== loanId);
  const loans = after === 0n ? others : [...others, Object.freeze({ loanId, outstanding: minorToDecimal(after, asset.scale) })];
  const total = minor(exposure.outstanding) + after - before;
  return Object.freeze({ borrowerId: exposure.borrowerId, outstanding: minorToDecimal(total, asset.scale), loans: Object.freeze(loans) });
}
