import fc from 'fast-check';
import { decimalToMinor, minorToDecimal } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { arbitraryApplication, arbitraryEligibleApplication, CONSUMER_CONTEXT, STRONG_APPLICANT } from '../../../test-kit/loans/creditFixtures.js';
import { DEFAULT_SCORECARD } from './defaultScorecard.js';
import { scorecardPolicy } from './scorecardPolicy.js';
import type { ScorecardConfig } from './scorecard.js';

const decide = scorecardPolicy(DEFAULT_SCORECARD);
const minor = (text: string): bigint => decimalToMinor(text, 2);
const arbitraryOutstanding = (): fc.Arbitrary<string> => fc.bigInt({ min: 0n, max: 25_000_000n }).map((m) => minorToDecimal(m, 2));

/** A one-rule income scorecard with random increasing bins: monotonicity holds for any such data. */
const arbitraryIncomeScorecard = (): fc.Arbitrary<ScorecardConfig> =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: 100_000 }), { maxLength: 10 })
    .chain((bounds) =>
      fc.array(fc.integer({ min: 0, max: 50 }), { minLength: bounds.length + 1, maxLength: bounds.length + 1 }).map((steps) => {
        const froms = ['0', ...[...bounds].sort((a, b) => a - b).map(String)];
        let points = -100;
        return {
          ...DEFAULT_SCORECARD,
          rules: [{ name: 'income', characteristic: 'monthlyIncome' as const, direction: 'increasing' as const, bins: froms.map((from, i) => ({ from, points: (points += steps[i]!) })) }],
          approveAtOrAbove: 0,
          declineBelow: 0,
          bands: [{ minScore: 0, spreadBps: '300' }],
        };
      }),
    );

describe('scorecard policy properties', () => {
  it('the score is the sum of the contributions, and the outcome follows the thresholds', () => {
    fc.assert(
      fc.property(arbitraryApplication(), arbitraryOutstanding(), (application, outstanding) => {
        const decision = decide(application, { ...CONSUMER_CONTEXT, internetConsumerOutstanding: outstanding });
        expect(decision.score).toBe(decision.contributions.reduce((sum, c) => sum + c.points, 0));
        expect(decision.contributions.map((c) => c.rule)).toEqual(DEFAULT_SCORECARD.rules.map((r) => r.name));
        if (decision.outcome === 'approved') expect(decision.score).toBeGreaterThanOrEqual(DEFAULT_SCORECARD.approveAtOrAbove);
        if (decision.outcome === 'referred') expect(decision.score).toBeLessThan(DEFAULT_SCORECARD.approveAtOrAbove);
        if (decision.outcome === 'declined') expect(decision.reasons.length).toBeGreaterThan(0);
        // The decision is data: it survives JSON unchanged.
        expect(JSON.parse(JSON.stringify(decision))).toEqual(decision);
      }),
    );
  });

  it('knock-outs always decline', () => {
    fc.assert(
      fc.property(arbitraryApplication(), fc.constantFrom('age', 'dti', 'overdue'), (application, knockOut) => {
        const knocked =
          knockOut === 'age'
            ? { ...application, birthDate: '2008-01-01' }
            : knockOut === 'dti'
              ? { ...application, monthlyIncome: '1000.00', monthlyDebtPayments: '600.01' }
              : { ...application, currentlyOverdue: true };
        const decision = decide(knocked, CONSUMER_CONTEXT);
        expect(decision.outcome).toBe('declined');
        expect(decision.reasons).toContain({ age: 'under_minimum_age', dti: 'debt_to_income_above_maximum', overdue: 'currently_overdue' }[knockOut]);
        expect(decision.limit).toBeUndefined();
      }),
    );
  });

  it('more income never lowers the income points (default and random increasing scorecards)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(DEFAULT_SCORECARD), arbitraryIncomeScorecard()),
        fc.bigInt({ min: 0n, max: 20_000_000n }),
        fc.bigInt({ min: 0n, max: 20_000_000n }),
        (config, a, b) => {
          const policy = scorecardPolicy(config);
          const pointsFor = (income: bigint): number =>
            policy({ ...STRONG_APPLICANT, monthlyIncome: minorToDecimal(income, 2) }, CONSUMER_CONTEXT).contributions.find((c) => c.rule === 'income')!.points;
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(pointsFor(low)).toBeLessThanOrEqual(pointsFor(high));
        },
      ),
    );
  });

  it('an approval never lends more than requested, nor past the consumer cap, and prices within the product range', () => {
    let approvals = 0;
    fc.assert(
      fc.property(fc.oneof(arbitraryApplication(), arbitraryEligibleApplication()), arbitraryOutstanding(), (application, outstanding) => {
        const decision = decide(application, { ...CONSUMER_CONTEXT, internetConsumerOutstanding: outstanding });
        if (decision.outcome !== 'approved') return;
        approvals += 1;
        const limit = minor(decision.limit!);
        expect(limit <= minor(application.requestedAmount)).toBe(true);
        expect(limit + minor(outstanding) <= minor('200000.00')).toBe(true);
        expect(limit >= minor(CONSUMER_CONTEXT.product.minAmount)).toBe(true);
        const spread = BigInt(decision.spreadBps!);
        expect(spread >= BigInt(CONSUMER_CONTEXT.product.pricing.spreadBpsMin) && spread <= BigInt(CONSUMER_CONTEXT.product.pricing.spreadBpsMax)).toBe(true);
      }),
    );
    // Eligible applicants (half the runs) mostly approve: the property was exercised.
    expect(approvals).toBeGreaterThan(0);
  });
});
