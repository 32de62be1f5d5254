import { isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { CONSUMER_CONTEXT, STRONG_APPLICANT } from '../../../test-kit/loans/creditFixtures.js';
import { DEFAULT_SCORECARD } from './defaultScorecard.js';
import { CreditDecisionCodec } from './decisionCodec.js';
import { scorecardPolicy } from './scorecardPolicy.js';

const decide = scorecardPolicy(DEFAULT_SCORECARD);

describe('CreditDecisionCodec', () => {
  it('round-trips approved, referred and declined decisions through JSON', () => {
    for (const application of [STRONG_APPLICANT, { ...STRONG_APPLICANT, monthlyIncome: '8000.00', overdueCount24Months: 2 }, { ...STRONG_APPLICANT, currentlyOverdue: true }]) {
      const decision = decide(application, CONSUMER_CONTEXT);
      const decoded = CreditDecisionCodec.decode(JSON.parse(JSON.stringify(CreditDecisionCodec.encode(decision))));
      expect(isRight(decoded) && decoded.right).toEqual(decision);
    }
  });

  it('refuses unknown fields, unknown reasons and fractional points', () => {
    const decision = decide(STRONG_APPLICANT, CONSUMER_CONTEXT);
    expect(isRight(CreditDecisionCodec.decode({ ...decision, comment: 'x' }))).toBe(false);
    expect(isRight(CreditDecisionCodec.decode({ ...decision, reasons: ['looked_risky'] }))).toBe(false);
    expect(isRight(CreditDecisionCodec.decode({ ...decision, score: 160.5 }))).toBe(false);
    expect(isRight(CreditDecisionCodec.decode({ ...decision, spreadBps: 150 }))).toBe(false);
    expect(isRight(CreditDecisionCodec.decode({ ...decision, limit: '-1.00' }))).toBe(false);
  });
});
