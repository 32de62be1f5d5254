import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { classifyLoan, type ClassifyLoanInput } from './classifyLoan.js';
import { RISK_CLASSES, RISK_CLASS_NAMES_ZH, isNonPerforming, rankOf, worseOf } from './riskClass.js';
import { NFRA_2023_THRESHOLDS } from './thresholds.js';

const codeOf = (input: unknown): string | undefined => errorCodeOf(() => classifyLoan(input as ClassifyLoanInput));
const manual = { by: 'credit-committee-7', reason: 'borrower’s business closed; guarantor insolvent' };

describe('classifyLoan: five tiers under the 2023 rule', () => {
  it('known answers at every boundary: 0, 1, 90, 91, 270, 271, 360, 361 days past due', () => {
    const classes = [0, 1, 90, 91, 270, 271, 360, 361].map((daysPastDue) => classifyLoan({ daysPastDue }).riskClass);
    expect(classes).toEqual(['normal', 'special-mention', 'special-mention', 'substandard', 'substandard', 'doubtful', 'doubtful', 'loss']);
    expect(classifyLoan({ daysPastDue: 91 })).toEqual({
      riskClass: 'substandard',
      nonPerforming: true,
      floor: 'substandard',
      setBy: 'overdue-beyond-substandard-days',
      explanation: '91 days past due > 90: at least substandard',
      ruleSet: 'NFRA/PBoC 2023 No. 1',
      daysPastDue: 91,
      thresholds: NFRA_2023_THRESHOLDS,
    });
    expect(classifyLoan({ daysPastDue: 90 }).nonPerforming).toBe(false);
    expect(RISK_CLASSES.map((c) => RISK_CLASS_NAMES_ZH[c]).join('')).toBe('正常关注次级可疑损失');
    expect(RISK_CLASSES.filter(isNonPerforming)).toEqual(['substandard', 'doubtful', 'loss']);
  });

  it('a manual downgrade names who and why and sets the class; equal to the floor, the rule still sets it', () => {
    const down = classifyLoan({ daysPastDue: 10, manual: { riskClass: 'doubtful', ...manual } });
    expect(down).toMatchObject({ riskClass: 'doubtful', floor: 'special-mention', setBy: 'manual-downgrade', nonPerforming: true, manual: { riskClass: 'doubtful', ...manual } });
    expect(down.explanation).toContain('credit-committee-7');
    expect(classifyLoan({ daysPastDue: 91, manual: { riskClass: 'substandard', ...manual } })).toMatchObject({ riskClass: 'substandard', setBy: 'overdue-beyond-substandard-days' });
  });

  it('a manual class better than the floor is refused: never an upgrade below the rule', () => {
    expect(codeOf({ daysPastDue: 91, manual: { riskClass: 'special-mention', ...manual } })).toBe('manual_class_below_floor');
    expect(codeOf({ daysPastDue: 1, manual: { riskClass: 'normal', ...manual } })).toBe('manual_class_below_floor');
  });

  it('configured thresholds: stricter floors apply and the rule set says configured', () => {
    const thresholds = { specialMentionAfterDays: 0, substandardAfterDays: 60, doubtfulAfterDays: 180, lossAfterDays: 360 };
    expect(classifyLoan({ daysPastDue: 61, thresholds })).toMatchObject({ riskClass: 'substandard', ruleSet: 'configured' });
    expect(classifyLoan({ daysPastDue: 91, thresholds: { ...NFRA_2023_THRESHOLDS } }).ruleSet).toBe('NFRA/PBoC 2023 No. 1');
    expect(codeOf({ daysPastDue: 1, thresholds: { ...thresholds, doubtfulAfterDays: 60 } })).toBe('classification_thresholds_invalid');
    expect(codeOf({ daysPastDue: 1, thresholds: { ...thresholds, lossAfterDays: undefined } })).toBe('field_missing');
    expect(codeOf({ daysPastDue: 1, thresholds: { ...thresholds, lossAfterDays: -1 } })).toBe('count_invalid');
  });

  it('bad input gets a specific code', () => {
    expect(codeOf({ daysPastDue: -1 })).toBe('count_invalid');
    expect(codeOf({ daysPastDue: '91' })).toBe('count_invalid');
    expect(codeOf({})).toBe('field_missing');
    expect(codeOf({ daysPastDue: 1, overdue: true })).toBe('field_unknown');
    expect(codeOf({ daysPastDue: 1, manual: { riskClass: 'bad', ...manual } })).toBe('risk_class_unknown');
    expect(codeOf({ daysPastDue: 1, manual: { riskClass: 'loss', by: '', reason: 'x' } })).toBe('identifier_invalid');
    expect(codeOf({ daysPastDue: 1, manual: { riskClass: 'loss', by: 'a', reason: ' ' } })).toBe('manual_reason_invalid');
    expect(codeOf({ daysPastDue: 1, manual: { riskClass: 'loss', by: 'a', reason: 'x'.repeat(501) } })).toBe('manual_reason_invalid');
    expect(codeOf({ daysPastDue: 1, manual: { riskClass: 'loss', by: 'a' } })).toBe('field_missing');
  });

  it('properties: the class never falls as days past due grow; any overdue is at least special-mention; a manual class only lowers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), fc.constantFrom(...RISK_CLASSES), (a, b, wanted) => {
        const [fewer, more] = [Math.min(a, b), Math.max(a, b)];
        expect(rankOf(classifyLoan({ daysPastDue: more }).riskClass)).toBeGreaterThanOrEqual(rankOf(classifyLoan({ daysPastDue: fewer }).riskClass));
        if (a > 0) expect(rankOf(classifyLoan({ daysPastDue: a }).riskClass)).toBeGreaterThanOrEqual(1);
        const floor = classifyLoan({ daysPastDue: a }).riskClass;
        const code = codeOf({ daysPastDue: a, manual: { riskClass: wanted, ...manual } });
        if (rankOf(wanted) < rankOf(floor)) expect(code).toBe('manual_class_below_floor');
        else expect(classifyLoan({ daysPastDue: a, manual: { riskClass: wanted, ...manual } }).riskClass).toBe(worseOf(floor, wanted));
      }),
    );
  });
});
