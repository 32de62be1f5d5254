/**
 * The credit decision and the policy that makes it. A policy is a pure function of the
 * application and an injected context (decision date, product, the borrower's internet consumer
 * exposure): the same inputs always give the same decision, which is recorded whole — outcome,
 * score, each rule's contribution and the reasons — so that it can be explained and replayed.
 */
import type { BusinessDate } from '../../calendar/businessDate.js';
import type { Benchmark } from '../pricing/lprTable.js';
import type { LoanProduct } from '../products/loanProduct.js';
import type { CreditApplicationInput } from './application.js';
import type { Characteristic } from './characteristics.js';

/** Approved (limit and spread set), declined, or referred to an underwriter. */
export type CreditOutcome = 'approved' | 'declined' | 'referred';

/**
 * Why a decision is not a plain yes. Knock-outs and product eligibility decline whatever the score;
 * `limit_reduced_*` accompany an approval below the requested amount.
 */
export type CreditReasonCode =
  | 'under_minimum_age'
  | 'debt_to_income_above_maximum'
  | 'currently_overdue'
  | 'amount_outside_product_range'
  | 'term_outside_product_range'
  | 'repayment_method_not_offered'
  | 'channel_not_offered'
  | 'collateral_missing'
  | 'score_below_decline_threshold'
  | 'score_in_referral_band'
  | 'consumer_credit_cap_exceeded'
  | 'limit_below_product_minimum'
  | 'limit_reduced_by_consumer_cap'
  | 'limit_reduced_by_collateral';

/** Every reason code, for codecs and exhaustive tests. */
export const CREDIT_REASON_CODES: readonly CreditReasonCode[] = Object.freeze([
  'under_minimum_age',
  'debt_to_income_above_maximum',
  'currently_overdue',
  'amount_outside_product_range',
  'term_outside_product_range',
  'repayment_method_not_offered',
  'channel_not_offered',
  'collateral_missing',
  'score_below_decline_threshold',
  'score_in_referral_band',
  'consumer_credit_cap_exceeded',
  'limit_below_product_minimum',
  'limit_reduced_by_consumer_cap',
  'limit_reduced_by_collateral',
]);

/** What one rule added to the score, and why: the value scored and the bin it fell in. */
export interface RuleContribution {
  readonly rule: string;
  readonly characteristic: Characteristic;
  /** The value as shown (see characteristics.ts `displayValue`). */
  readonly value: string;
  /** The bin as an interval: "[5000, 10000)" or "[50000, ∞)". */
  readonly bin: string;
  readonly points: number;
}

/** A recorded credit decision; `limit`, `benchmark` and `spreadBps` are present exactly when approved. */
export interface CreditDecision {
  readonly applicationId: string;
  readonly borrowerId: string;
  readonly productCode: string;
  /** `name@version` of the policy that decided. */
  readonly policy: string;
  readonly decisionDate: BusinessDate;
  readonly outcome: CreditOutcome;
  /** The sum of the contributions' points. */
  readonly score: number;
  readonly contributions: readonly RuleContribution[];
  readonly reasons: readonly CreditReasonCode[];
  /** For a decline or referral on score: the rules that lost most points against their best bin. */
  readonly adverseRules: readonly string[];
  /** Approved amount, at most the requested one: a decimal string in major units. */
  readonly limit?: string;
  readonly benchmark?: Benchmark;
  /** Whole basis points over the benchmark, within the product's spread range. */
  readonly spreadBps?: string;
}

/** What a policy may know besides the application: injected, so the policy stays pure. */
export interface CreditContext {
  readonly decisionDate: string;
  readonly product: LoanProduct;
  /**
   * Outstanding principal of the borrower's internet consumer loans (a {@link BorrowerExposure}'s
   * `outstanding`); required when the product falls under the internet consumer cap.
   */
  readonly internetConsumerOutstanding?: string;
  /** The per-borrower internet consumer cap; DEFAULT_INTERNET_CONSUMER_CAP when absent. */
  readonly internetConsumerCap?: string;
}

/**
 * A credit policy: pure, deterministic, and total on valid input.
 * @throws ProductsError for a malformed application or context (nothing is decided).
 */
export type CreditPolicy = (application: CreditApplicationInput, context: CreditContext) => CreditDecision;
