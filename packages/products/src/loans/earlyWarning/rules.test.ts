import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { earlyWarningsFor } from './rules.js';
import type { EarlyWarningSignal } from './signals.js';
import { deriveWarningId } from './warning.js';

const base = { loanContractId: 'loan-1', triggeringEventId: 'evt-1', at: '2026-07-01T08:00:00.000Z' };
const ltv = (outstanding: string, haircutPercent = '0'): EarlyWarningSignal => ({
  kind: 'ltv',
  ...base,
  source: 'revaluation',
  outstanding,
  collateral: [{ valuation: '1000000.00', haircutPercent }],
  maxLtvPercent: '70',
});

describe('earlyWarningsFor: LTV above the product’s threshold', () => {
  it('raises nothing at 70.00 % and a medium warning at 77.78 % (10 % haircut)', () => {
    expect(earlyWarningsFor(ltv('700000.00'))).toEqual([]);
    expect(earlyWarningsFor(ltv('700000.00', '10'))).toEqual([
      {
        warningId: deriveWarningId('evt-1', 'ltv-above-threshold'),
        loanContractId: 'loan-1',
        rule: 'ltv-above-threshold',
        severity: 'medium',
        triggeringEventId: 'evt-1',
        raisedAt: '2026-07-01T08:00:00.000Z',
        detail: { source: 'revaluation', outstanding: '700000.00', collateralValue: '900000.00', maxLtvPercent: '70', ltvPercent: '77.78' },
      },
    ]);
  });

  it('is high from 100 % and when uncovered', () => {
    expect(earlyWarningsFor(ltv('1000000'))[0]?.severity).toBe('high');
    expect(earlyWarningsFor(ltv('999999.99'))[0]?.severity).toBe('medium');
    const uncovered = earlyWarningsFor({ ...ltv('1.00'), collateral: [] } as EarlyWarningSignal);
    expect(uncovered[0]).toMatchObject({ severity: 'high', detail: { collateralValue: '0.00', outstanding: '1.00' } });
    expect('ltvPercent' in uncovered[0]!.detail).toBe(false);
  });
});

describe('earlyWarningsFor: class downgrade and shortfall runs', () => {
  it('warns on a downgrade only; high when the loan turns non-performing', () => {
    const change = (previousClass: string, nextClass: string) => earlyWarningsFor({ kind: 'class-change', ...base, previousClass, nextClass } as EarlyWarningSignal);
    expect(change('normal', 'special-mention')).toMatchObject([{ rule: 'class-downgrade', severity: 'medium', detail: { previousClass: 'normal', nextClass: 'special-mention' } }]);
    expect(change('special-mention', 'substandard')[0]?.severity).toBe('high');
    expect(change('substandard', 'normal')).toEqual([]);
    expect(change('doubtful', 'doubtful')).toEqual([]);
  });

  it('warns when the run reaches the threshold (default 2), not before nor after', () => {
    const shortfall = (run: number, threshold?: number) =>
      earlyWarningsFor({ kind: 'auto-debit-shortfall', ...base, run, due: '3000', taken: '1000', shortfall: '2000', ...(threshold === undefined ? {} : { threshold }) });
    expect(shortfall(1)).toEqual([]);
    expect(shortfall(2)).toMatchObject([{ rule: 'auto-debit-shortfalls', severity: 'medium', detail: { run: 2, threshold: 2, due: '3000.00', taken: '1000.00', shortfall: '2000.00' } }]);
    expect(shortfall(3)).toEqual([]);
    expect(shortfall(0, 1)).toEqual([]);
    expect(shortfall(3, 3)).toHaveLength(1);
  });

  it('derives one id per trigger and rule', () => {
    expect(deriveWarningId('evt-1', 'class-downgrade')).toBe(deriveWarningId('evt-1', 'class-downgrade'));
    expect(deriveWarningId('evt-1', 'class-downgrade')).not.toBe(deriveWarningId('evt-2', 'class-downgrade'));
    expect(deriveWarningId('evt-1', 'class-downgrade')).not.toBe(deriveWarningId('evt-1', 'ltv-above-threshold'));
  });
});

describe('earlyWarningsFor: bad signals', () => {
  it('refuses them with specific codes', () => {
    const bad = (signal: unknown) => errorCodeOf(() => earlyWarningsFor(signal as EarlyWarningSignal));
    expect(bad(null)).toBe('input_not_object');
    expect(bad({ ...base, kind: 'rumour' })).toBe('early_warning_signal_invalid');
    expect(bad({ ...ltv('1'), source: 'gossip' })).toBe('early_warning_signal_invalid');
    expect(bad({ ...ltv('1'), extra: 1 })).toBe('field_unknown');
    expect(bad({ ...ltv('1'), maxLtvPercent: '101' })).toBe('percent_invalid');
    expect(bad({ ...ltv('1'), collateral: 'all' })).toBe('ltv_input_invalid');
    expect(bad({ ...ltv('1'), collateral: [{ valuation: '1', haircutPercent: '100' }] })).toBe('haircut_invalid');
    expect(bad({ ...ltv('-1') })).toBe('amount_negative');
    expect(bad({ ...ltv('1'), at: 'yesterday' })).toBe('instant_invalid');
    expect(bad({ ...ltv('1'), triggeringEventId: '' })).toBe('identifier_invalid');
    expect(bad({ kind: 'class-change', ...base, previousClass: 'normal', nextClass: 'bad' })).toBe('risk_class_unknown');
    expect(bad({ kind: 'auto-debit-shortfall', ...base, run: 2, threshold: 0, due: '1', taken: '0', shortfall: '1' })).toBe('shortfall_run_invalid');
    expect(bad({ kind: 'auto-debit-shortfall', ...base, run: 2, threshold: 37, due: '1', taken: '0', shortfall: '1' })).toBe('shortfall_run_invalid');
    expect(bad({ kind: 'auto-debit-shortfall', ...base, run: -1, due: '1', taken: '0', shortfall: '1' })).toBe('count_invalid');
    expect(bad({ kind: 'auto-debit-shortfall', ...base, run: 1, due: 1, taken: '0', shortfall: '1' })).toBe('field_not_string');
  });
});
