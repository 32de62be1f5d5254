/**
 * Write-off (核销) of a loss loan and recovery of written-off money. A write-off takes what is on the
 * balance sheet out against the loan's loss allowance (charging any shortfall, releasing any
 * excess); the whole claim stays recorded off balance sheet (账销案存), since the borrower still
 * owes it. A recovery is spread over the claim by component: recovered principal restores the
 * allowance, the rest is income.
 */
import { CNY, MAX_MINOR, minorToDecimal, type Asset } from '@ecoledger/ledger';
import { ProductsError, describeValue } from '../../errors.js';
import { assetOf, closedRecord, principalOf, requiredString } from '../../interest/input.js';
import type { ComponentAmounts } from '../waterfall/allocatePayment.js';
import { fill } from '../waterfall/fill.js';
import { LOAN_COMPONENTS, waterfall, type LoanComponent } from '../waterfall/waterfall.js';
import { componentMinorOf, totalOf, type ComponentMinor } from './componentAmounts.js';

/** Input of {@link writeOff}; amounts in major units. */
export interface WriteOffInput {
  /** Still on balance sheet: principal, and any receivable interest, penalty and fee. */
  readonly onBalanceSheet: ComponentAmounts;
  /** Interest already moved off balance sheet when the loan stopped accruing (principal and fee usually 0). */
  readonly offBalanceSheet: ComponentAmounts;
  /** The loan's loss allowance before the write-off. */
  readonly allowance: string;
  readonly asset?: Asset;
}

/** What to book for a write-off. */
export interface WriteOff {
  /** Taken off the balance sheet, by component. */
  readonly writtenOff: ComponentAmounts & { readonly total: string };
  /** Allowance consumed: the smaller of the allowance and the total written off. */
  readonly allowanceUsed: string;
  /** Written off beyond the allowance: charged to impairment expense. */
  readonly additionalCharge: string;
  /** Allowance left over: released. */
  readonly allowanceReleased: string;
  /** The claim kept off balance sheet for recovery: on- plus off-balance-sheet, by component. */
  readonly retainedClaim: ComponentAmounts & { readonly total: string };
}

const WRITE_OFF_FIELDS = ['onBalanceSheet', 'offBalanceSheet', 'allowance', 'asset'] as const;

const textOf = (amounts: ComponentMinor, scale: number): ComponentAmounts & { readonly total: string } => ({
  penalty: minorToDecimal(amounts.penalty, scale),
  fee: minorToDecimal(amounts.fee, scale),
  interest: minorToDecimal(amounts.interest, scale),
  principal: minorToDecimal(amounts.principal, scale),
  total: minorToDecimal(totalOf(amounts), scale),
});

/**
 * The amounts of a write-off. Known answer: principal 100,000.00 and interest 500.00 on balance
 * sheet against an allowance of 100,000.00 use it all and charge 500.00 more.
 * @throws ProductsError `input_not_object`, `field_unknown`, `field_missing`, `field_not_string`,
 *   `amount_invalid`, `amount_negative`, `amount_out_of_range`, `asset_invalid`.
 */
export function writeOff(input: WriteOffInput): WriteOff {
  const record = closedRecord(input, WRITE_OFF_FIELDS);
  const asset = assetOf(record['asset']);
  const on = componentMinorOf(record['onBalanceSheet'], 'onBalanceSheet', asset);
  const off = componentMinorOf(record['offBalanceSheet'], 'offBalanceSheet', asset);
  const allowance = principalOf(requiredString(record, 'allowance'), asset, 'allowance');
  const loss = totalOf(on);
  const used = allowance < loss ? allowance : loss;
  const claim = {} as Record<LoanComponent, bigint>;
  for (const c of LOAN_COMPONENTS) claim[c] = on[c] + off[c];
  // A claim the ledger could not hold is refused rather than recorded.
  if (totalOf(claim) > MAX_MINOR) throw new ProductsError('amount_out_of_range', 'the retained claim', 'offBalanceSheet');
  return {
    writtenOff: textOf(on, asset.scale),
    allowanceUsed: minorToDecimal(used, asset.scale),
    additionalCharge: minorToDecimal(loss - used, asset.scale),
    allowanceReleased: minorToDecimal(allowance - used, asset.scale),
    retainedClaim: textOf(claim, asset.scale),
  };
}

/** The order a recovery serves the written-off claim by default: principal first, restoring the allowance. */
export const DEFAULT_RECOVERY_ORDER: readonly LoanComponent[] = Object.freeze(['principal', 'interest', 'penalty', 'fee']);

/** What a recovery of written-off money books. */
export interface Recovery {
  readonly recovered: ComponentAmounts & { readonly total: string };
  /** Recovered principal: credited back to the loss allowance. */
  readonly restoreAllowance: string;
  /** Recovered interest, penalty and fee: income. */
  readonly income: string;
  /** The claim still written off. */
  readonly remainingClaim: ComponentAmounts & { readonly total: string };
}

/**
 * Spreads `amount` recovered over the written-off `claim` in `order` (principal, interest, penalty,
 * fee by default). Known answer: 1,200.00 against principal 1,000.00 and interest 300.00 restores
 * 1,000.00 to the allowance and books 200.00 interest income.
 * @throws ProductsError `amount_invalid`, `amount_negative`, `amount_not_positive`,
 *   `recovery_exceeds_written_off`, `waterfall_order_invalid`, the field codes of the claim.
 */
export function recoverWrittenOff(amount: string, claim: ComponentAmounts, order: readonly LoanComponent[] = DEFAULT_RECOVERY_ORDER, asset: Asset = CNY): Recovery {
  const checkedAsset = assetOf(asset);
  if (typeof amount !== 'string') throw new ProductsError('field_not_string', describeValue(amount), 'amount');
  const paid = principalOf(amount, checkedAsset, 'amount');
  if (paid === 0n) throw new ProductsError('amount_not_positive', describeValue(amount), 'amount');
  const checkedOrder = waterfall({ order }).order;
  const owed = componentMinorOf(claim, 'claim', checkedAsset);
  if (paid > totalOf(owed)) throw new ProductsError('recovery_exceeds_written_off', `${amount} > ${minorToDecimal(totalOf(owed), checkedAsset.scale)}`, 'amount');
  const { taken } = fill(paid, checkedOrder.map((c) => owed[c]));
  const recovered = { penalty: 0n, fee: 0n, interest: 0n, principal: 0n };
  checkedOrder.forEach((c, i) => (recovered[c] = taken[i] as bigint));
  const remaining = { penalty: owed.penalty - recovered.penalty, fee: owed.fee - recovered.fee, interest: owed.interest - recovered.interest, principal: owed.principal - recovered.principal };
  return {
    recovered: textOf(recovered, checkedAsset.scale),
    restoreAllowance: minorToDecimal(recovered.principal, checkedAsset.scale),
    income: minorToDecimal(paid - recovered.principal, checkedAsset.scale),
    remainingClaim: textOf(remaining, checkedAsset.scale),
  };
}
