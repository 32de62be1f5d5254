import { CNY } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { feeAmount } from './feeAmount.js';

describe('feeAmount: worked by hand', () => {
  it('1.5 % of 10,000.00 is 150.00, rounded once half-up', () => {
    expect(feeAmount({ ratePercent: '1.5', rounding: 'half-up' }, 1_000_000n, CNY)).toEqual({
      minor: 15_000n,
      explanation: { method: 'rate', base: '10000.00', ratePercent: '1.5', rounding: { mode: 'half-up', raw: '150', rounded: '150.00' }, amount: '150.00' },
    });
  });

  it('the rounding mode decides the last fen: 1.25 % of 1,019.06 is 12.73825', () => {
    const of = (rounding: 'half-up' | 'down' | 'up') => feeAmount({ ratePercent: '1.25', rounding }, 101_906n, CNY);
    expect(of('half-up').explanation.amount).toBe('12.74');
    expect(of('down').explanation.amount).toBe('12.73');
    expect(of('up').explanation.amount).toBe('12.74');
    expect(of('down').explanation.rounding?.raw).toBe('12.73825');
  });

  it('a cap per installment bites only above it and is recorded when it does', () => {
    const capped = feeAmount({ ratePercent: '2', rounding: 'half-up' }, 101_906n, CNY, '15.00');
    expect(capped.minor).toBe(1_500n);
    expect(capped.explanation).toMatchObject({ base: '1019.06', rounding: { raw: '20.3812', rounded: '20.38' }, cappedAt: '15.00', amount: '15.00' });
    const under = feeAmount({ ratePercent: '1', rounding: 'half-up' }, 101_906n, CNY, '15.00');
    expect(under.explanation.amount).toBe('10.19');
    expect(under.explanation.cappedAt).toBeUndefined();
  });

  it('a fixed fee is its amount whatever the base', () => {
    expect(feeAmount({ fixedAmount: '30.00' }, 101_906n, CNY)).toEqual({ minor: 3_000n, explanation: { method: 'fixed', base: '1019.06', fixedAmount: '30.00', amount: '30.00' } });
  });
});
