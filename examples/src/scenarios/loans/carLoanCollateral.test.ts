import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '@ecoledger/ledger';
import { runCarLoanCollateral } from './runCarLoanCollateral.js';

describe('car loan with collateral scenario', () => {
  it('runs on a fresh store and again on the same store, every invariant holding', async () => {
    const store = createInMemoryEventStore();
    const first = await runCarLoanCollateral({ store });
    expect(first.failures).toEqual([]);
    expect(first.ok).toBe(true);
    expect(first.trialBalance['CNY']?.debits).toBe(first.trialBalance['CNY']?.credits);
    const second = await runCarLoanCollateral({ store });
    expect(second.failures).toEqual([]);
    // The second run's warning is its own loan's, raised once.
    expect(second.lines.filter((line) => line.includes('open medium warning ltv-above-threshold'))).toEqual([expect.stringContaining('bob-car-loan-r2')]);
  });

  it('prints the known figures: LTV warning on depreciation, a shorter term after the prepayment', async () => {
    const text = (await runCarLoanCollateral()).lines.join('\n');
    expect(text).toContain('disbursed 120000.00 on 2025-07-01 at 3.50 %, 36 installments of 3516.25, maturity 2028-07-01');
    // 120,000 / 160,000 = 75 %: under the car loan's 80 %.
    expect(text).toContain('LTV 120000.00 / 160000.00 = 75.00 % (maximum 80 %)');
    // After three installments 120,000 − 3,154.58 − 3,164.09 − 3,184.68 = 110,496.65; / 130,000 = 84.997… -> 85.00 %.
    expect(text).toContain(
      'risk read model: open medium warning ltv-above-threshold on bob-car-loan-r1: {"source":"revaluation","outstanding":"110496.65","collateralValue":"130000.00","maxLtvPercent":"80","ltvPercent":"85.00"}',
    );
    // 80,496.65 at 3.5 %/12 with 3,516.25 a month needs 23.7 months: 24 installments, the last on 2027-10-01 instead of 2028-07-01.
    expect(text).toContain('before: 33 installments left, last due 2028-07-01, installment 3516.25');
    expect(text).toContain('after:  24 installments left, last due 2027-10-01, installment 3477.67');
    // 80,496.65 / 130,000 = 61.92 %: no new warning.
    expect(text).toContain('LTV 80496.65 / 130000.00 = 61.92 % (maximum 80 %)');
    expect(text.match(/open medium warning/g)).toHaveLength(1);
    expect(text).toContain('All invariants hold');
  });
});
