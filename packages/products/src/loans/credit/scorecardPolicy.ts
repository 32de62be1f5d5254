/**
 * The default credit policy: a transparent scorecard. Every rule scores its characteristic; the
 * score is the sum; knock-outs and product eligibility decline whatever the score; thresholds then
 * approve, refer or decline; an approval gets a limit (the requested amount, cut by collateral LTV
 * and the internet consumer cap) and the spread of its pricing band within the product's range.
 */
import { decimalToMinor, divideRounded, minorToDecimal, type Asset } from '@ecoledger/ledger';
import type { BusinessDate } from '../../calendar/businessDate.js';
import { dateOf } from '../../input/fields.js';
import { closedRecord, principalOf, requiredString } from '../../interest/input.js';
import { RATE_PERCENT_SCALE, MAX_ADVERSE_RULES } from '../../limits.js';
import { capMinorOf, headroomMinor } from '../exposure/consumerCap.js';
import { loanProduct, type LoanProduct, type LoanProductInput } from '../products/loanProduct.js';
import { creditApplication, type CreditApplication } from './application.js';
import { atLeast, characteristicsOf, displayValue, type Characteristic, type ExactValue } from './characteristics.js';
import type { CreditContext, CreditDecision, CreditPolicy, CreditReasonCode, RuleContribution } from './decision.js';
import { BIN_BOUND_SCALE, binBoundUnits, scorecardConfig, type ScorecardConfig, type ScorecardRule } from './scorecard.js';

interface PreparedRule extends ScorecardRule {
  readonly units: readonly bigint[];
  readonly bestPoints: number;
}

const prepare = (rule: ScorecardRule): PreparedRule => ({
  ...rule,
  units: rule.bins.map((bin) => binBoundUnits(bin.from, rule.name)),
  bestPoints: Math.max(...rule.bins.map((bin) => bin.points)),
});

/** The rule's contribution: the last bin whose lower bound the value reaches (the first is 0, so one always does). */
const contributionOf = (rule: PreparedRule, characteristic: Characteristic, value: ExactValue, asset: Asset): RuleContribution => {
  let index = 0;
  for (let i = rule.units.length - 1; i > 0; i -= 1) {
    if (atLeast(value, rule.units[i]!, BIN_BOUND_SCALE)) {
      index = i;
      break;
    }
  }
  const next = rule.bins[index + 1];
  return Object.freeze({
    rule: rule.name,
    characteristic,
    value: displayValue(characteristic, value, asset),
    bin: `[${rule.bins[index]!.from}, ${next === undefined ? '∞' : next.from})`,
    points: rule.bins[index]!.points,
  });
};

interface CheckedContext {
  readonly decisionDate: BusinessDate;
  readonly product: LoanProduct;
  /** Headroom under the internet consumer cap, in minor units; undefined when the product is not capped. */
  readonly consumerHeadroom: bigint | undefined;
}

const contextOf = (input: CreditContext): CheckedContext => {
  const record = closedRecord(input, ['decisionDate', 'product', 'internetConsumerOutstanding', 'internetConsumerCap']);
  const decisionDate = dateOf(record, 'decisionDate');
  // Re-checked on every decision: the product may come from an untyped caller too (microseconds).
  const product = loanProduct(record['product'] as LoanProductInput);
  if (!product.internetConsumerCapApplies) return { decisionDate, product, consumerHeadroom: undefined };
  const outstanding = principalOf(requiredString(record, 'internetConsumerOutstanding'), product.asset, 'internetConsumerOutstanding');
  return { decisionDate, product, consumerHeadroom: headroomMinor(outstanding, capMinorOf(record['internetConsumerCap'], product.asset)) };
};

const eligibilityReasons = (application: CreditApplication, product: LoanProduct): CreditReasonCode[] => {
  const asset = product.asset;
  const requested = principalOf(application.requestedAmount, asset, 'requestedAmount');
  const reasons: CreditReasonCode[] = [];
  if (requested < principalOf(product.minAmount, asset) || requested > principalOf(product.maxAmount, asset)) reasons.push('amount_outside_product_range');
  if (application.termMonths < product.minTermMonths || application.termMonths > product.maxTermMonths) reasons.push('term_outside_product_range');
  if (!product.repaymentMethods.includes(application.repaymentMethod)) reasons.push('repayment_method_not_offered');
  if (!product.channels.includes(application.channel)) reasons.push('channel_not_offered');
  if (product.collateral.required && application.collateralValue === undefined) reasons.push('collateral_missing');
  return reasons;
};

const clampBps = (bps: string, min: string, max: string): string => {
  const value = BigInt(bps);
  return String(value < BigInt(min) ? BigInt(min) : value > BigInt(max) ? BigInt(max) : value);
};

/**
 * The scorecard policy for a configuration (validated once, here).
 * @throws ProductsError `scorecard_invalid` (and field codes) for a bad configuration; the policy
 * it returns throws ProductsError for a malformed application or context.
 */
export function scorecardPolicy(input: ScorecardConfig): CreditPolicy {
  const config = scorecardConfig(input);
  const rules = config.rules.map(prepare);
  const maxDtiUnits = decimalToMinor(config.knockOuts.maxDebtToIncomePercent, RATE_PERCENT_SCALE);
  const policy = `${config.name}@${config.version}`;

  return (applicationInput, contextInput): CreditDecision => {
    const { decisionDate, product, consumerHeadroom } = contextOf(contextInput);
    const asset = product.asset;
    const application = creditApplication(applicationInput, asset);
    const values = characteristicsOf(application, asset, decisionDate);
    const contributions = rules.map((rule) => contributionOf(rule, rule.characteristic, values[rule.characteristic], asset));
    const score = contributions.reduce((sum, c) => sum + c.points, 0);
    const base = { applicationId: application.applicationId, borrowerId: application.borrowerId, productCode: product.code, policy, decisionDate, score, contributions: Object.freeze(contributions) };
    const adverseRules = Object.freeze(
      rules
        .map((rule, i) => ({ name: rule.name, lost: rule.bestPoints - contributions[i]!.points }))
        .filter((r) => r.lost > 0)
        .sort((a, b) => b.lost - a.lost)
        .slice(0, MAX_ADVERSE_RULES)
        .map((r) => r.name),
    );
    const decline = (reasons: CreditReasonCode[]): CreditDecision => Object.freeze({ ...base, outcome: 'declined', reasons: Object.freeze(reasons), adverseRules });

    const knockOuts: CreditReasonCode[] = [];
    if (Number(values.ageYears.num) < config.knockOuts.minAgeYears) knockOuts.push('under_minimum_age');
    // DTI > max, exactly: not (max ≥ DTI); no income at all is above every maximum.
    if (values.debtToIncome.den === 0n || values.debtToIncome.num * 10n ** BigInt(RATE_PERCENT_SCALE) > maxDtiUnits * values.debtToIncome.den) knockOuts.push('debt_to_income_above_maximum');
    if (config.knockOuts.declineWhenCurrentlyOverdue && application.currentlyOverdue) knockOuts.push('currently_overdue');
    const hardReasons = [...knockOuts, ...eligibilityReasons(application, product)];
    if (hardReasons.length > 0) return decline(hardReasons);
    if (score < config.declineBelow) return decline(['score_below_decline_threshold']);
    if (score < config.approveAtOrAbove) return Object.freeze({ ...base, outcome: 'referred', reasons: Object.freeze(['score_in_referral_band' as const]), adverseRules });

    let limit = principalOf(application.requestedAmount, asset, 'requestedAmount');
    const reasons: CreditReasonCode[] = [];
    if (product.collateral.required) {
      // LTV cap: collateral × max LTV %, rounded down to the minor unit (never lend above the ratio).
      const ltvUnits = decimalToMinor(product.collateral.maxLtvPercent, RATE_PERCENT_SCALE);
      const byCollateral = divideRounded(principalOf(application.collateralValue!, asset) * ltvUnits, 100n * 10n ** BigInt(RATE_PERCENT_SCALE), 'down');
      if (byCollateral < limit) {
        limit = byCollateral;
        reasons.push('limit_reduced_by_collateral');
      }
    }
    let capBinding = false;
    if (consumerHeadroom !== undefined && consumerHeadroom < limit) {
      limit = consumerHeadroom;
      capBinding = true;
      reasons.push('limit_reduced_by_consumer_cap');
    }
    if (limit < principalOf(product.minAmount, asset)) return decline([capBinding ? 'consumer_credit_cap_exceeded' : 'limit_below_product_minimum']);
    const band = [...config.bands].reverse().find((b) => b.minScore <= score)!;
    return Object.freeze({
      ...base,
      outcome: 'approved',
      reasons: Object.freeze(reasons),
      adverseRules: Object.freeze([]),
      limit: minorToDecimal(limit, asset.scale),
      benchmark: product.pricing.benchmark,
      spreadBps: clampBps(band.spreadBps, product.pricing.spreadBpsMin, product.pricing.spreadBpsMax),
    });
  };
}
