import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { DEFAULT_SCORECARD } from './defaultScorecard.js';
import { scorecardConfig, type ScorecardConfig } from './scorecard.js';

const rule = DEFAULT_SCORECARD.rules[0]!;
const codeOf = (change: Record<string, unknown>): string | undefined => errorCodeOf(() => scorecardConfig({ ...DEFAULT_SCORECARD, ...change } as ScorecardConfig));
const withBins = (bins: unknown): Record<string, unknown> => ({ rules: [{ ...rule, bins }] });

describe('scorecardConfig', () => {
  it('accepts the default scorecard and its JSON', () => {
    expect(scorecardConfig(JSON.parse(JSON.stringify(DEFAULT_SCORECARD)) as ScorecardConfig)).toEqual(DEFAULT_SCORECARD);
  });

  it('refuses bins that leave values without a bin, overlap, or break the rule’s direction', () => {
    expect(codeOf(withBins([{ from: '1', points: 0 }]))).toBe('scorecard_invalid');
    expect(codeOf(withBins([{ from: '0', points: 0 }, { from: '0', points: 1 }]))).toBe('scorecard_invalid');
    expect(codeOf(withBins([{ from: '0', points: 5 }, { from: '10', points: 1 }]))).toBe('scorecard_invalid');
    expect(codeOf(withBins([{ from: '-1', points: 0 }]))).toBe('scorecard_invalid');
    expect(codeOf(withBins([{ from: '0.000000001', points: 0 }]))).toBe('scorecard_invalid');
    expect(codeOf(withBins([{ from: 0, points: 0 }]))).toBe('field_not_string');
    expect(codeOf(withBins([{ from: '0', points: 1001 }]))).toBe('count_invalid');
    expect(codeOf(withBins([{ from: '0', points: 0, label: 'x' }]))).toBe('field_unknown');
    expect(codeOf(withBins([]))).toBe('scorecard_invalid');
  });

  it('refuses bad rules, thresholds, bands and knock-outs', () => {
    expect(codeOf({ rules: [rule, rule] })).toBe('scorecard_invalid');
    expect(codeOf({ rules: [{ ...rule, characteristic: 'zodiac' }] })).toBe('scorecard_invalid');
    expect(codeOf({ declineBelow: 120 })).toBe('scorecard_invalid');
    expect(codeOf({ bands: [{ minScore: 100, spreadBps: '600' }] })).toBe('scorecard_invalid');
    expect(codeOf({ bands: [{ minScore: 110, spreadBps: '300' }, { minScore: 130, spreadBps: '400' }] })).toBe('scorecard_invalid');
    expect(codeOf({ bands: [{ minScore: 110, spreadBps: '3.5' }] })).toBe('basis_points_invalid');
    expect(codeOf({ knockOuts: undefined })).toBe('field_missing');
    expect(codeOf({ knockOuts: { ...DEFAULT_SCORECARD.knockOuts, maxDebtToIncomePercent: '160' } })).toBe('percent_invalid');
    expect(codeOf({ knockOuts: { ...DEFAULT_SCORECARD.knockOuts, bureauScore: 600 } })).toBe('field_unknown');
    expect(codeOf({ weights: [] })).toBe('field_unknown');
  });
});
