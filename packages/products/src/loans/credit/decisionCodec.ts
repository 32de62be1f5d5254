/**
 * The io-ts codec of a recorded {@link CreditDecision}, for the event that records it (a loan
 * application stream stores the decision whole, so that it can be explained later without the
 * scorecard that made it). Closed objects: unknown fields fail decoding.
 */
import * as t from 'io-ts';
import { DateText, DecimalText, IdText, closed, oneOfCodec } from '../../codecs/eventCodecs.js';
import { MAX_RULE_POINTS, MAX_SCORECARD_RULES, MAX_SPREAD_BPS } from '../../limits.js';
import { BENCHMARKS, type Benchmark } from '../pricing/lprTable.js';
import { CHARACTERISTICS, type Characteristic } from './characteristics.js';
import { CREDIT_REASON_CODES, type CreditDecision, type CreditOutcome, type CreditReasonCode } from './decision.js';

const boundedInteger = (name: string, bound: number): t.Type<number, number, unknown> => {
  const is = (u: unknown): u is number => typeof u === 'number' && Number.isInteger(u) && Math.abs(u) <= bound;
  return new t.Type<number, number, unknown>(name, is, (u, context) => (is(u) ? t.success(u) : t.failure(u, context)), (a) => a);
};

const Points = boundedInteger('points', MAX_RULE_POINTS * MAX_SCORECARD_RULES);
const SpreadText = new t.Type<string, string, unknown>(
  'basis points',
  (u): u is string => typeof u === 'string' && /^(0|-?[1-9][0-9]{0,4})$/.test(u) && Math.abs(Number(u)) <= MAX_SPREAD_BPS,
  (u, context) => (typeof u === 'string' && /^(0|-?[1-9][0-9]{0,4})$/.test(u) && Math.abs(Number(u)) <= MAX_SPREAD_BPS ? t.success(u) : t.failure(u, context)),
  (a) => a,
);

const RuleContributionCodec = closed('rule contribution', {
  rule: IdText,
  characteristic: oneOfCodec<Characteristic>('characteristic', CHARACTERISTICS),
  value: t.string,
  bin: t.string,
  points: Points,
});

/** Decodes and encodes a {@link CreditDecision}. */
export const CreditDecisionCodec = closed(
  'credit decision',
  {
    applicationId: IdText,
    borrowerId: IdText,
    productCode: IdText,
    policy: IdText,
    decisionDate: DateText,
    outcome: oneOfCodec<CreditOutcome>('credit outcome', ['approved', 'declined', 'referred']),
    score: Points,
    contributions: t.readonlyArray(RuleContributionCodec),
    reasons: t.readonlyArray(oneOfCodec<CreditReasonCode>('credit reason', CREDIT_REASON_CODES)),
    adverseRules: t.readonlyArray(IdText),
  },
  { limit: DecimalText, benchmark: oneOfCodec<Benchmark>('benchmark', BENCHMARKS), spreadBps: SpreadText },
);

// Compile-time check that the codec and the interface describe the same data.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const decodedMatches: Same<t.TypeOf<typeof CreditDecisionCodec>, CreditDecision> = true;
void decodedMatches;
