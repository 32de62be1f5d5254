/**
 * The loan-loss provision an outstanding amount needs in its class, exact and rounded once with a
 * named mode, and the adjustment to book when it changes (positive: a charge; negative: a release).
 */
import { CNY, minorToDecimal, type Asset, type RoundingMode } from '@ecoledger/ledger';
import { ProductsError, describeValue } from '../../errors.js';
import { RATE_DENOMINATOR, assetOf, closedRecord, principalOf, roundingOf } from '../../interest/input.js';
import type { RoundingStep } from '../../interest/accrue.js';
import { ratio, ratioToDecimal, roundRatio } from '../../interest/ratio.js';
import { riskClassOf, type RiskClass } from '../classification/riskClass.js';
import { DEFAULT_PROVISION_RATES, provisionRateUnits, provisionRates, type ProvisionRates } from './provisionRates.js';

/** Options of {@link provisionFor}. */
export interface ProvisionOptions {
  /** {@link DEFAULT_PROVISION_RATES} when omitted. */
  readonly rates?: ProvisionRates;
  /** `half-up` when omitted. */
  readonly rounding?: RoundingMode;
  /** CNY when omitted. */
  readonly asset?: Asset;
}

/** A provision with its derivation. */
export interface Provision {
  readonly riskClass: RiskClass;
  readonly outstanding: string;
  /** Percent of the outstanding amount. */
  readonly ratePercent: string;
  readonly provision: string;
  readonly rounding: RoundingStep;
}

/** The change of a provision: what to book. */
export interface ProvisionAdjustment {
  readonly previous: string;
  readonly next: string;
  /** next − previous: positive is charged to impairment expense, negative released from the allowance. */
  readonly delta: string;
  readonly direction: 'charge' | 'release' | 'none';
}

const OPTION_FIELDS = ['rates', 'rounding', 'asset'] as const;

const amountOf = (value: unknown, asset: Asset, field: string): bigint => {
  if (typeof value !== 'string') throw new ProductsError(value === undefined ? 'field_missing' : 'field_not_string', describeValue(value), field);
  return principalOf(value, asset, field);
};

/**
 * outstanding × the class's rate, rounded once with the named mode. Known answer: 1,000,000.00
 * needs 10,000.00 normal, 20,000.00 special-mention, 250,000.00 substandard, 500,000.00 doubtful,
 * 1,000,000.00 loss.
 * @throws ProductsError `field_missing`, `field_not_string`, `amount_invalid`, `amount_negative`,
 *   `risk_class_unknown`, the codes of {@link provisionRates}, `rounding_mode_unknown`, `asset_invalid`.
 */
export function provisionFor(outstanding: string, riskClass: RiskClass, options: ProvisionOptions = {}): Provision {
  const record = closedRecord(options, OPTION_FIELDS);
  const asset = assetOf(record['asset']);
  const mode = roundingOf(record['rounding']);
  const rates = record['rates'] === undefined ? DEFAULT_PROVISION_RATES : provisionRates(record['rates']);
  const checkedClass = riskClassOf(riskClass);
  const minor = amountOf(outstanding, asset, 'outstanding');
  const rateText = rates[checkedClass];
  const raw = ratio(minor * provisionRateUnits(rateText, checkedClass), RATE_DENOMINATOR);
  // A rate is at most 100 %, so the provision never exceeds the outstanding amount (within MAX_MINOR).
  const rounded = roundRatio(raw, mode);
  const text = minorToDecimal(rounded, asset.scale);
  return { riskClass: checkedClass, outstanding: minorToDecimal(minor, asset.scale), ratePercent: rateText, provision: text, rounding: { mode, raw: ratioToDecimal(raw, asset.scale, mode), rounded: text } };
}

/**
 * The provision to book when it moves from `previous` to `next` (both non-negative amounts).
 * @throws ProductsError `field_missing`, `field_not_string`, `amount_invalid`, `amount_negative`, `asset_invalid`.
 */
export function provisionAdjustment(previous: string, next: string, asset: Asset = CNY): ProvisionAdjustment {
  const checkedAsset = assetOf(asset);
  const before = amountOf(previous, checkedAsset, 'previous');
  const after = amountOf(next, checkedAsset, 'next');
  const delta = after - before;
  const text = (minor: bigint): string => minorToDecimal(minor, checkedAsset.scale);
  return { previous: text(before), next: text(after), delta: text(delta), direction: delta > 0n ? 'charge' : delta < 0n ? 'release' : 'none' };
}
