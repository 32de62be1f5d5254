import { decimalToMinor } from '@ecoledger/ledger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryInstallments, arbitraryWaterfall, cny } from '../../../test-kit/loans/overdueArbitraries.js';
import { allocatePayment } from './allocatePayment.js';
import { INSTALLMENT_STATUSES, LOAN_COMPONENTS } from './waterfall.js';

const minor = (text: string): bigint => decimalToMinor(text, 2);

describe('allocatePayment: properties', () => {
  it('allocated + unallocated = paid; never more than paid; never more than owed per component; only served statuses', () => {
    fc.assert(
      fc.property(arbitraryInstallments(), arbitraryWaterfall(), fc.bigInt({ min: 1n, max: 10_000_000n }), (installments, plan, paidMinor) => {
        const result = allocatePayment(cny(paidMinor), installments, plan);
        expect(minor(result.allocated) + minor(result.unallocated)).toBe(paidMinor);
        expect(result.steps.reduce((sum, step) => sum + minor(step.amount), 0n)).toBe(minor(result.allocated));
        for (const allocation of result.installments) {
          const owed = installments.find((i) => i.period === allocation.period);
          expect(owed).toBeDefined();
          expect(plan.statuses).toContain(owed?.status);
          for (const component of LOAN_COMPONENTS) expect(minor(allocation[component])).toBeLessThanOrEqual(minor(owed![component]));
        }
        // Money is left over only when every served component was paid in full.
        const servedOwed = installments
          .filter((i) => plan.statuses.includes(i.status))
          .reduce((sum, i) => sum + LOAN_COMPONENTS.reduce((s, c) => s + minor(i[c]), 0n), 0n);
        expect(minor(result.allocated)).toBe(servedOwed < paidMinor ? servedOwed : paidMinor);
      }),
    );
  });

  it('oldest dues are served first: a step never precedes one of an earlier status, and within a component an older installment is paid in full before a newer one gets anything', () => {
    fc.assert(
      fc.property(arbitraryInstallments(), arbitraryWaterfall(), fc.bigInt({ min: 1n, max: 10_000_000n }), (installments, plan, paidMinor) => {
        const result = allocatePayment(cny(paidMinor), installments, plan);
        const statusOf = (period: number): number => INSTALLMENT_STATUSES.indexOf(installments[period - 1]!.status);
        result.steps.forEach((step, i) => {
          if (i > 0) expect(statusOf(step.period)).toBeGreaterThanOrEqual(statusOf(result.steps[i - 1]!.period));
        });
        for (const step of result.steps) {
          for (const older of installments.slice(0, step.period - 1)) {
            if (older.status !== installments[step.period - 1]!.status) continue;
            const paid = result.installments.find((a) => a.period === older.period);
            expect(paid?.[step.component] ?? '0.00').toBe(older[step.component]);
          }
        }
      }),
    );
  });
});
