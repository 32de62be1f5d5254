import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { decimalToMinor, minorToDecimal } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { applyExposureChange, emptyBorrowerExposure } from './borrowerExposure.js';
import { checkConsumerExposure } from './consumerCap.js';

const CAP = 200_000_00n;
const yuan = (minor: bigint): string => minorToDecimal(minor, 2);
const minorOf = (text: string): bigint => decimalToMinor(text, 2);

type Step = { kind: 'apply'; amount: bigint } | { kind: 'repay'; loan: number; share: number } | { kind: 'write-off'; loan: number };
const arbitraryStep = (): fc.Arbitrary<Step> =>
  fc.oneof(
    fc.bigInt({ min: 1n, max: 120_000_00n }).map((amount): Step => ({ kind: 'apply', amount })),
    fc.record({ loan: fc.nat(), share: fc.integer({ min: 1, max: 100 }) }).map((r): Step => ({ kind: 'repay', ...r })),
    fc.nat().map((loan): Step => ({ kind: 'write-off', loan })),
  );

describe('consumer exposure properties', () => {
  it('for any sequence of applications and repayments, approved exposure never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.array(arbitraryStep(), { maxLength: 60 }), (steps) => {
        let exposure = emptyBorrowerExposure('b-1');
        let next = 0;
        for (const step of steps) {
          const outstanding = minorOf(exposure.outstanding);
          if (step.kind === 'apply') {
            const answer = checkConsumerExposure({ outstanding: exposure.outstanding, requested: yuan(step.amount) });
            // Refused exactly when the cap would be passed.
            expect(E.isLeft(answer)).toBe(outstanding + step.amount > CAP);
            if (E.isRight(answer)) {
              exposure = applyExposureChange(exposure, { kind: 'drawn', loanId: `L${(next += 1)}`, amount: yuan(step.amount) });
              expect(exposure.outstanding).toBe(answer.right.outstandingAfter);
            }
          } else if (exposure.loans.length > 0) {
            const loan = exposure.loans[step.loan % exposure.loans.length]!;
            const owed = minorOf(loan.outstanding);
            const amount = step.kind === 'repay' ? (owed * BigInt(step.share) + 99n) / 100n : owed;
            exposure = applyExposureChange(exposure, { kind: step.kind === 'repay' ? 'repaid' : 'written-off', loanId: loan.loanId, amount: yuan(amount) });
          }
          expect(minorOf(exposure.outstanding) <= CAP).toBe(true);
          expect(exposure.loans.reduce((sum, loan) => sum + minorOf(loan.outstanding), 0n)).toBe(minorOf(exposure.outstanding));
          expect(exposure.loans.every((loan) => minorOf(loan.outstanding) > 0n)).toBe(true);
        }
      }),
    );
  });
});
