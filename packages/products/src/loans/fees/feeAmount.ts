/**
 * The amount of one fee charge and its explanation: the base, the fixed amount or the percent, the
 * one rounding step of a percent, and the cap when it bit. What a `FeeCharged` event records, so
 * the figure can be recomputed from the record alone.
 */
import { decimalToMinor, minorToDecimal, type Asset } from '@ecoledger/ledger';
import type { RoundingStep } from '../../interest/accrue.js';
import { RATE_DENOMINATOR } from '../../interest/input.js';
import { ratio, ratioToDecimal, roundRatio } from '../../interest/ratio.js';
import { RATE_PERCENT_SCALE } from '../../limits.js';
import type { FeeCalculation } from './feeRules.js';

/** How a charge was computed (decimal strings of the asset's major unit). */
export interface FeeExplanation {
  readonly method: 'fixed' | 'rate';
  /** What the fee is on: the principal paid out, or the overdue installment's unpaid principal and interest. */
  readonly base: string;
  readonly fixedAmount?: string;
  readonly ratePercent?: string;
  /** base × rate ÷ 100, rounded once with the rule's mode. */
  readonly rounding?: RoundingStep;
  /** The cap per installment, present only when it lowered the fee. */
  readonly cappedAt?: string;
  readonly amount: string;
}

/** A fee charge in minor units and its explanation. */
export interface FeeAmount {
  readonly minor: bigint;
  readonly explanation: FeeExplanation;
}

/**
 * The fee `calculation` charges on `base` (minor units), at most `cap` when given. Known answers
 * (CNY): 1.5 % of 10,000.00 is 150.00; 2 % of 1,019.06 capped at 15.00 is 15.00 (raw 20.3812).
 */
export function feeAmount(calculation: FeeCalculation, base: bigint, asset: Asset, cap?: string): FeeAmount {
  const text = (minor: bigint): string => minorToDecimal(minor, asset.scale);
  let minor: bigint;
  let parts: Omit<FeeExplanation, 'base' | 'amount'>;
  if (calculation.fixedAmount !== undefined) {
    minor = decimalToMinor(calculation.fixedAmount, asset.scale);
    parts = { method: 'fixed', fixedAmount: calculation.fixedAmount };
  } else {
    const units = decimalToMinor(calculation.ratePercent!, RATE_PERCENT_SCALE);
    const raw = ratio(base * units, RATE_DENOMINATOR);
    const mode = calculation.rounding!;
    minor = roundRatio(raw, mode);
    parts = { method: 'rate', ratePercent: calculation.ratePercent!, rounding: { mode, raw: ratioToDecimal(raw, asset.scale, mode), rounded: text(minor) } };
  }
  const capMinor = cap === undefined ? undefined : decimalToMinor(cap, asset.scale);
  const capped = capMinor !== undefined && capMinor < minor;
  const charged = capped ? capMinor : minor;
  return { minor: charged, explanation: { ...parts, base: text(base), ...(capped && cap !== undefined ? { cappedAt: cap } : {}), amount: text(charged) } };
}
