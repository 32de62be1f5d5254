import { JPY, decimalToMinor } from '@ecoledger/ledger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { cny } from '../../../test-kit/loans/overdueArbitraries.js';
import { RISK_CLASSES, type RiskClass } from '../classification/riskClass.js';
import { provisionAdjustment, provisionFor } from './provisionFor.js';
import { DEFAULT_PROVISION_RATES, provisionRates } from './provisionRates.js';

const codeOf = (run: () => unknown): string | undefined => errorCodeOf(run);

describe('provisionFor: the loan-loss provision by class', () => {
  it('known answer: 1,000,000.00 in each class (1 %, 2 %, 25 %, 50 %, 100 %)', () => {
    expect(RISK_CLASSES.map((c) => provisionFor('1000000.00', c).provision)).toEqual(['10000.00', '20000.00', '250000.00', '500000.00', '1000000.00']);
    expect(provisionFor('1000000.00', 'substandard')).toEqual({
      riskClass: 'substandard', outstanding: '1000000.00', ratePercent: '25', provision: '250000.00', rounding: { mode: 'half-up', raw: '250000', rounded: '250000.00' },
    });
  });

  it('rounds once with the named mode', () => {
    // 1,234.57 × 2 % = 24.6914; 333.33 × 25 % = 83.3325 → 83.33 half-up, 83.34 up.
    expect(provisionFor('1234.57', 'special-mention').provision).toBe('24.69');
    expect(provisionFor('333.33', 'substandard').rounding.raw).toBe('83.3325');
    expect(provisionFor('333.33', 'substandard', { rounding: 'up' }).provision).toBe('83.34');
    expect(provisionFor('333', 'substandard', { asset: JPY }).provision).toBe('83');
  });

  it('configured rates, checked: every class, 0..100 %, never falling as the class worsens', () => {
    const rates = { normal: '1.5', 'special-mention': '3', substandard: '30', doubtful: '60', loss: '100' };
    expect(provisionFor('1000000.00', 'normal', { rates }).provision).toBe('15000.00');
    expect(provisionRates(DEFAULT_PROVISION_RATES)).toEqual(DEFAULT_PROVISION_RATES);
    expect(codeOf(() => provisionRates({ ...rates, loss: '100.00000001' }))).toBe('provision_rate_invalid');
    expect(codeOf(() => provisionRates({ ...rates, loss: undefined }))).toBe('provision_rate_invalid');
    expect(codeOf(() => provisionRates({ ...rates, loss: 100 }))).toBe('field_not_string');
    expect(codeOf(() => provisionRates({ ...rates, normal: '-1' }))).toBe('provision_rate_invalid');
    expect(codeOf(() => provisionRates({ ...rates, doubtful: '20' }))).toBe('provision_rates_not_ascending');
    expect(codeOf(() => provisionRates({ ...rates, watch: '2' }))).toBe('field_unknown');
  });

  it('bad input gets a specific code', () => {
    expect(codeOf(() => provisionFor('-1.00', 'loss'))).toBe('amount_negative');
    expect(codeOf(() => provisionFor(1 as unknown as string, 'loss'))).toBe('field_not_string');
    expect(codeOf(() => provisionFor('1.00', 'bad' as RiskClass))).toBe('risk_class_unknown');
    expect(codeOf(() => provisionFor('1.00', 'loss', { rounding: 'nearest' as never }))).toBe('rounding_mode_unknown');
    expect(codeOf(() => provisionFor('1.00', 'loss', { rate: '1' } as never))).toBe('field_unknown');
    expect(codeOf(() => provisionAdjustment('1.001', '0.00'))).toBe('amount_invalid');
  });
});

describe('provisionAdjustment: the delta to book', () => {
  it('positive is a charge, negative a release, zero nothing', () => {
    expect(provisionAdjustment('20000.00', '250000.00')).toEqual({ previous: '20000.00', next: '250000.00', delta: '230000.00', direction: 'charge' });
    expect(provisionAdjustment('250000.00', '20000.00')).toMatchObject({ delta: '-230000.00', direction: 'release' });
    expect(provisionAdjustment('5.00', '5.00')).toMatchObject({ delta: '0.00', direction: 'none' });
  });

  it('properties: previous + delta = next; the provision grows with the class and never exceeds the outstanding amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.constantFrom(...RISK_CLASSES), fc.constantFrom(...RISK_CLASSES), (minor, a, b) => {
        const [p, n] = [provisionFor(cny(minor), a), provisionFor(cny(minor), b)];
        const m = (s: string): bigint => decimalToMinor(s, 2);
        expect(m(p.provision) + m(provisionAdjustment(p.provision, n.provision).delta)).toBe(m(n.provision));
        expect(m(p.provision)).toBeLessThanOrEqual(minor);
        if (RISK_CLASSES.indexOf(a) <= RISK_CLASSES.indexOf(b)) expect(m(p.provision)).toBeLessThanOrEqual(m(n.provision));
      }),
    );
  });
});
