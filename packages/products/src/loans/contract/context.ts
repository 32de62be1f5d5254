/**
 * What a loan decider is built from besides its events: the product, the LPR history it prices
 * on, the credit policy, and the classification and provisioning tables. All injected, so the
 * decider stays pure and a bank swaps any of them.
 */
import { minorToDecimal } from '@ecoledger/ledger';
import type { ClassificationThresholds } from '../classification/thresholds.js';
import type { CreditPolicy } from '../credit/decision.js';
import type { LprTable } from '../pricing/lprTable.js';
import type { LoanProduct } from '../products/loanProduct.js';
import type { ProvisionRates } from '../provisioning/provisionRates.js';

/** The decider's configuration. */
export interface LoanContext {
  readonly product: LoanProduct;
  readonly lpr: LprTable;
  readonly policy: CreditPolicy;
  /** DEFAULT_PROVISION_RATES when omitted. */
  readonly provisionRates?: ProvisionRates;
  /** The 2023 thresholds when omitted. */
  readonly thresholds?: ClassificationThresholds;
}

/** Minor units as a decimal string of the product's asset. @internal */
export const textOf = (context: LoanContext, minor: bigint): string => minorToDecimal(minor, context.product.asset.scale);
