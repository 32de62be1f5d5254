/**
 * The signals the early-warning rules judge, and their run-time parsing: an LTV to check against
 * the product's maximum, a risk-class change, an auto-debit shortfall with the length of the run
 * it ends. Each names the loan, the triggering event (whose id the warning id derives from) and
 * when it occurred.
 */
import { CNY, minorToDecimal, type Asset } from '@ecoledger/ledger';
import { ProductsError, describeValue } from '../../errors.js';
import { choiceOf, identifierOf, instantOf, integerOf } from '../../input/fields.js';
import { closedRecord, principalOf, requiredString } from '../../interest/input.js';
import { DEFAULT_SHORTFALL_RUN, MAX_COLLATERAL_PER_LOAN, MAX_SHORTFALL_LOOKBACK, MAX_SHORTFALL_RUN } from '../../limits.js';
import { riskClassOf, type RiskClass } from '../classification/riskClass.js';
import type { CollateralValue } from '../collateral/loanToValue.js';
import { percentOf } from '../products/loanFields.js';
import { LTV_SOURCES, type LtvSource } from './warning.js';

interface SignalBase {
  readonly loanContractId: string;
  readonly triggeringEventId: string;
  /** ISO-8601 UTC instant of the triggering event. */
  readonly at: string;
}
/** The loan's LTV, from its outstanding amount and its collaterals in force, against the product's maximum. */
export interface LtvSignal extends SignalBase {
  readonly kind: 'ltv';
  readonly source: LtvSource;
  readonly outstanding: string;
  readonly collateral: readonly CollateralValue[];
  readonly maxLtvPercent: string;
}
/** A classification: a warning when `nextClass` is worse than `previousClass`. */
export interface ClassChangeSignal extends SignalBase {
  readonly kind: 'class-change';
  readonly previousClass: RiskClass;
  readonly nextClass: RiskClass;
}
/** An auto-debit that fell short; `run` counts the consecutive shortfalls ending with this one. */
export interface ShortfallSignal extends SignalBase {
  readonly kind: 'auto-debit-shortfall';
  readonly run: number;
  /** Shortfalls in a row that raise a warning (default {@link DEFAULT_SHORTFALL_RUN}). */
  readonly threshold?: number;
  readonly due: string;
  readonly taken: string;
  readonly shortfall: string;
}
/** Every signal. */
export type EarlyWarningSignal = LtvSignal | ClassChangeSignal | ShortfallSignal;

const BASE = ['kind', 'loanContractId', 'triggeringEventId', 'at'] as const;
// Amounts come back canonical ("100" → "100.00"), as events spell them.
const amountOf = (r: Readonly<Record<string, unknown>>, field: string, asset: Asset): string =>
  minorToDecimal(principalOf(requiredString(r, field), asset, field), asset.scale);

/** Checks an untyped signal; amounts in `asset` (CNY by default). @throws ProductsError with the code of the first bad field. */
export const parseSignal = (signal: unknown, asset: Asset = CNY): EarlyWarningSignal => {
  if (typeof signal !== 'object' || signal === null || Array.isArray(signal)) throw new ProductsError('input_not_object', describeValue(signal));
  const kind = choiceOf(signal as Record<string, unknown>, 'kind', ['ltv', 'class-change', 'auto-debit-shortfall'] as const, 'early_warning_signal_invalid');
  const base = (r: Readonly<Record<string, unknown>>) => ({
    loanContractId: identifierOf(r, 'loanContractId'),
    triggeringEventId: identifierOf(r, 'triggeringEventId'),
    at: instantOf(r, 'at'),
  });
  switch (kind) {
    case 'ltv': {
      const r = closedRecord(signal, [...BASE, 'source', 'outstanding', 'collateral', 'maxLtvPercent']);
      const collateral = r['collateral'];
      if (!Array.isArray(collateral) || collateral.length > MAX_COLLATERAL_PER_LOAN) throw new ProductsError('ltv_input_invalid', describeValue(collateral), 'collateral');
      return {
        kind,
        ...base(r),
        source: choiceOf(r, 'source', LTV_SOURCES, 'early_warning_signal_invalid'),
        outstanding: amountOf(r, 'outstanding', asset),
        // Each value is checked by loanToValue, with its index in the field name.
        collateral: collateral as CollateralValue[],
        maxLtvPercent: percentOf(r['maxLtvPercent'], 'maxLtvPercent'),
      };
    }
    case 'class-change': {
      const r = closedRecord(signal, [...BASE, 'previousClass', 'nextClass']);
      return { kind, ...base(r), previousClass: riskClassOf(r['previousClass'], 'previousClass'), nextClass: riskClassOf(r['nextClass'], 'nextClass') };
    }
    case 'auto-debit-shortfall': {
      const r = closedRecord(signal, [...BASE, 'run', 'threshold', 'due', 'taken', 'shortfall']);
      const threshold = r['threshold'] === undefined ? DEFAULT_SHORTFALL_RUN : shortfallRunOf(r['threshold'], 'threshold');
      return {
        kind,
        ...base(r),
        run: integerOf(r['run'], 'run', 0, MAX_SHORTFALL_LOOKBACK),
        threshold,
        due: amountOf(r, 'due', asset),
        taken: amountOf(r, 'taken', asset),
        shortfall: amountOf(r, 'shortfall', asset),
      };
    }
  }
};

/** A shortfall run length 1..MAX_SHORTFALL_RUN. @throws `shortfall_run_invalid`. */
export const shortfallRunOf = (value: unknown, field = 'shortfallRun'): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_SHORTFALL_RUN) {
    throw new ProductsError('shortfall_run_invalid', `${describeValue(value)}, expected 1..${MAX_SHORTFALL_RUN}`, field);
  }
  return value;
};
