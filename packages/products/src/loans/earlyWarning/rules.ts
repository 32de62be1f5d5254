/**
 * The early-warning rules, pure: a signal in, the warnings it raises out (none or one). Each
 * warning's id derives from the triggering event and the rule, so judging a signal twice gives the
 * same warning twice, which the warning stream records once.
 */
import { CNY, type Asset } from '@ecoledger/ledger';
import { DEFAULT_SHORTFALL_RUN, HIGH_SEVERITY_LTV_PERCENT } from '../../limits.js';
import { isNonPerforming, rankOf } from '../classification/riskClass.js';
import { compareLtv, loanToValue } from '../collateral/loanToValue.js';
import { parseSignal, type EarlyWarningSignal } from './signals.js';
import { deriveWarningId, type EarlyWarning, type EarlyWarningRule, type WarningSeverity } from './warning.js';

/**
 * The warnings `signal` raises (amounts in `asset`, CNY by default):
 * - `ltv-above-threshold` when the exact LTV is above `maxLtvPercent` (high from 100 %, or uncovered);
 * - `class-downgrade` when the next class is worse than the previous (high when it is non-performing);
 * - `auto-debit-shortfalls` when the run of shortfalls reaches the threshold exactly (a longer run
 *   already has its warning; a run broken and started again raises again).
 * @throws ProductsError for an invalid signal (`early_warning_signal_invalid` and the field codes).
 */
export const earlyWarningsFor = (signal: EarlyWarningSignal, asset: Asset = CNY): readonly EarlyWarning[] => {
  const parsed = parseSignal(signal, asset);
  const warning = (rule: EarlyWarningRule, severity: WarningSeverity, detail: EarlyWarning['detail']): EarlyWarning => ({
    warningId: deriveWarningId(parsed.triggeringEventId, rule),
    loanContractId: parsed.loanContractId,
    rule,
    severity,
    triggeringEventId: parsed.triggeringEventId,
    raisedAt: parsed.at,
    detail,
  });
  switch (parsed.kind) {
    case 'ltv': {
      const ltv = loanToValue(parsed.outstanding, parsed.collateral, asset);
      if (compareLtv(ltv, parsed.maxLtvPercent) <= 0) return [];
      const severity = compareLtv(ltv, HIGH_SEVERITY_LTV_PERCENT) >= 0 ? 'high' : 'medium';
      return [
        warning('ltv-above-threshold', severity, {
          source: parsed.source,
          outstanding: ltv.outstanding,
          collateralValue: ltv.collateralValue,
          maxLtvPercent: parsed.maxLtvPercent,
          ...(ltv.ltvPercent === undefined ? {} : { ltvPercent: ltv.ltvPercent }),
        }),
      ];
    }
    case 'class-change': {
      if (rankOf(parsed.nextClass) <= rankOf(parsed.previousClass)) return [];
      return [warning('class-downgrade', isNonPerforming(parsed.nextClass) ? 'high' : 'medium', { previousClass: parsed.previousClass, nextClass: parsed.nextClass })];
    }
    case 'auto-debit-shortfall': {
      const threshold = parsed.threshold ?? DEFAULT_SHORTFALL_RUN;
      if (parsed.run !== threshold) return [];
      const { run, due, taken, shortfall } = parsed;
      return [warning('auto-debit-shortfalls', 'medium', { run, threshold, due, taken, shortfall })];
    }
  }
};
