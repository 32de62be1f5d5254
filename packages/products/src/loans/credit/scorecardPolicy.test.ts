import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { CONSUMER_CONTEXT, DECISION_DATE, STRONG_APPLICANT } from '../../../test-kit/loans/creditFixtures.js';
import { MORTGAGE_TEMPLATE } from '../products/templates.js';
import { DEFAULT_SCORECARD } from './defaultScorecard.js';
import { scorecardPolicy } from './scorecardPolicy.js';

const decide = scorecardPolicy(DEFAULT_SCORECARD);

describe('the default scorecard (known answers)', () => {
  it('approves a strong applicant, explaining every point', () => {
    expect(decide(STRONG_APPLICANT, CONSUMER_CONTEXT)).toEqual({
      applicationId: 'app-1',
      borrowerId: 'b-1',
      productCode: 'consumer-loan',
      policy: 'retail-scorecard@2025.1',
      decisionDate: DECISION_DATE,
      outcome: 'approved',
      score: 160,
      contributions: [
        { rule: 'income', characteristic: 'monthlyIncome', value: '25000.00', bin: '[20000, 50000)', points: 50 },
        { rule: 'debt-to-income', characteristic: 'debtToIncome', value: '20.0000', bin: '[20, 35)', points: 30 },
        { rule: 'existing-exposure', characteristic: 'existingExposure', value: '0.00', bin: '[0, 50000)', points: 20 },
        { rule: 'overdue-history', characteristic: 'overdueCount24Months', value: '0', bin: '[0, 1)', points: 40 },
        { rule: 'age', characteristic: 'ageYears', value: '35', bin: '[30, 55)', points: 20 },
      ],
      reasons: [],
      adverseRules: [],
      limit: '100000.00',
      benchmark: 'LPR1Y',
      spreadBps: '150',
    });
  });

  it('refers a middling applicant and names the rules that cost most', () => {
    const decision = decide(
      { ...STRONG_APPLICANT, monthlyIncome: '8000.00', monthlyDebtPayments: '3200.00', existingExposure: '80000.00', overdueCount24Months: 1, birthDate: '2001-07-01' },
      CONSUMER_CONTEXT,
    );
    expect(decision.contributions.map((c) => c.points)).toEqual([20, 15, 15, 20, 10]);
    expect(decision).toMatchObject({ outcome: 'referred', score: 80, reasons: ['score_in_referral_band'], adverseRules: ['income', 'debt-to-income', 'overdue-history'] });
    expect(decision.contributions[4]!.value).toBe('23'); // the 24th birthday is tomorrow
    expect(decision.limit).toBeUndefined();
  });

  it('declines a low score', () => {
    const decision = decide(
      { ...STRONG_APPLICANT, monthlyIncome: '4000.00', monthlyDebtPayments: '2000.00', existingExposure: '300000.00', overdueCount24Months: 5, birthDate: '1985-01-01' },
      CONSUMER_CONTEXT,
    );
    expect(decision).toMatchObject({ outcome: 'declined', score: 15, reasons: ['score_below_decline_threshold'] });
  });

  it('knocks out minors, DTI above 60 % and current arrears whatever the score', () => {
    const decision = decide({ ...STRONG_APPLICANT, birthDate: '2007-07-01', monthlyIncome: '10000.00', monthlyDebtPayments: '6000.01', currentlyOverdue: true }, CONSUMER_CONTEXT);
    expect(decision).toMatchObject({ outcome: 'declined', reasons: ['under_minimum_age', 'debt_to_income_above_maximum', 'currently_overdue'] });
    // Boundaries: 18 today, DTI exactly 60 %.
    expect(decide({ ...STRONG_APPLICANT, birthDate: '2007-06-30', monthlyIncome: '10000.00', monthlyDebtPayments: '6000.00' }, CONSUMER_CONTEXT).reasons).not.toContain('under_minimum_age');
    expect(decide({ ...STRONG_APPLICANT, monthlyIncome: '10000.00', monthlyDebtPayments: '6000.00' }, CONSUMER_CONTEXT).reasons).not.toContain('debt_to_income_above_maximum');
    const noIncome = decide({ ...STRONG_APPLICANT, monthlyIncome: '0.00', monthlyDebtPayments: '0.00' }, CONSUMER_CONTEXT);
    expect(noIncome.reasons).toEqual(['debt_to_income_above_maximum']);
    expect(noIncome.contributions[1]!.value).toBe('unbounded');
  });

  it('declines what the product does not offer', () => {
    const decision = decide({ ...STRONG_APPLICANT, requestedAmount: '200000.01', termMonths: 48, repaymentMethod: 'bullet', channel: 'branch' }, CONSUMER_CONTEXT);
    expect(decision.reasons).toEqual(['amount_outside_product_range', 'term_outside_product_range', 'repayment_method_not_offered', 'channel_not_offered']);
  });

  it('cuts the limit to the internet consumer cap, and declines when too little is left', () => {
    expect(decide(STRONG_APPLICANT, { ...CONSUMER_CONTEXT, internetConsumerOutstanding: '150000.00' })).toMatchObject({
      outcome: 'approved',
      limit: '50000.00',
      reasons: ['limit_reduced_by_consumer_cap'],
    });
    expect(decide(STRONG_APPLICANT, { ...CONSUMER_CONTEXT, internetConsumerOutstanding: '199800.00' })).toMatchObject({ outcome: 'declined', reasons: ['consumer_credit_cap_exceeded'] });
    expect(decide(STRONG_APPLICANT, { ...CONSUMER_CONTEXT, internetConsumerCap: '120000.00', internetConsumerOutstanding: '30000.00' }).limit).toBe('90000.00');
  });

  it('prices a mortgage on LPR5Y within the product range and lends at most the LTV', () => {
    const mortgage = { decisionDate: DECISION_DATE, product: MORTGAGE_TEMPLATE };
    const application = { ...STRONG_APPLICANT, requestedAmount: '1000000.00', termMonths: 360, channel: 'branch' as const, collateralValue: '1100000.01' };
    expect(decide(application, mortgage)).toMatchObject({ outcome: 'approved', limit: '935000.00', reasons: ['limit_reduced_by_collateral'], benchmark: 'LPR5Y', spreadBps: '100' });
    const { collateralValue: _c, ...unsecured } = application;
    expect(decide(unsecured, mortgage).reasons).toEqual(['collateral_missing']);
  });

  it('refuses malformed applications and contexts with specific codes', () => {
    expect(errorCodeOf(() => decide({ ...STRONG_APPLICANT, score: 999 } as never, CONSUMER_CONTEXT))).toBe('field_unknown');
    expect(errorCodeOf(() => decide({ ...STRONG_APPLICANT, monthlyIncome: 25000 } as never, CONSUMER_CONTEXT))).toBe('field_not_string');
    expect(errorCodeOf(() => decide({ ...STRONG_APPLICANT, requestedAmount: '0' }, CONSUMER_CONTEXT))).toBe('amount_not_positive');
    expect(errorCodeOf(() => decide({ ...STRONG_APPLICANT, termMonths: 1.5 }, CONSUMER_CONTEXT))).toBe('months_invalid');
    expect(errorCodeOf(() => decide({ ...STRONG_APPLICANT, currentlyOverdue: 'no' } as never, CONSUMER_CONTEXT))).toBe('field_not_boolean');
    expect(errorCodeOf(() => decide({ ...STRONG_APPLICANT, birthDate: '2025-07-01' }, CONSUMER_CONTEXT))).toBe('period_reversed');
    expect(errorCodeOf(() => decide({ ...STRONG_APPLICANT, channel: 'fax' } as never, CONSUMER_CONTEXT))).toBe('channel_unknown');
    expect(errorCodeOf(() => decide(STRONG_APPLICANT, { decisionDate: DECISION_DATE, product: CONSUMER_CONTEXT.product }))).toBe('field_missing');
    expect(errorCodeOf(() => decide(STRONG_APPLICANT, { ...CONSUMER_CONTEXT, internetConsumerOutstanding: 0 } as never))).toBe('field_not_string');
    expect(errorCodeOf(() => decide(STRONG_APPLICANT, { ...CONSUMER_CONTEXT, clock: 'now' } as never))).toBe('field_unknown');
  });
});
