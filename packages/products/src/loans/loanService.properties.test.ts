import { decimalToMinor } from '@ecoledger/ledger';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { LOAN_AT, LOAN_CONTEXT, loanContextWith } from '../../test-kit/loans/loanFixtures.js';
import { loanBalance, openFundedAccount, openLoanBank, originate } from '../../test-kit/loans/loanBank.js';
import { replayContract } from '../../test-kit/deposits/depositBank.js';
import { trialBalanceGaps } from '../../test-kit/productPostingsCheck.js';
import { loanEventSchemas } from './contract/events.js';
import { totalOwed } from './contract/state.js';
import { exposureTotal } from './loanServiceExposureStream.js';

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

type Step = { kind: 'days'; days: number } | { kind: 'repay'; amount: number } | { kind: 'prepay'; amount: number; option: 'reduce-installment' | 'reduce-term' } | { kind: 'payoff' } | { kind: 'writeOff' };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 40 }).map((days) => ({ kind: 'days' as const, days })) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 300_000 }).map((amount) => ({ kind: 'repay' as const, amount })) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('prepay' as const), amount: fc.integer({ min: 1, max: 600_000 }), option: fc.constantFrom('reduce-installment' as const, 'reduce-term' as const) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'payoff' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'writeOff' as const }) },
);

/** The fixture product with every fee: an origination fee financed, a capped late-payment fee. */
const WITH_FEES = loanContextWith({
  fees: { origination: { ratePercent: '1.2', rounding: 'half-up', settlement: 'financed' }, latePayment: { ratePercent: '3', rounding: 'up', capPerInstallment: '25.00' } },
});

describe('loan lifecycle properties (real handler and book)', () => {
  it.each([
    ['without fees', LOAN_CONTEXT],
    ['with fees', WITH_FEES],
  ])('any lifecycle (%s) keeps the trial balance at zero and the loan, fees included, equal to its ledger accounts; replay and a second COB change nothing', async (_name, context) => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const bank = await openLoanBank(context);
        await openFundedAccount(bank, 'dd-1', '3000.00');
        await originate(bank, 'loan-1', 'dd-1');
        await bank.loans.disburse('loan-1', { amount: '12000.00', on: '2025-07-01', at: LOAN_AT, reference: 'p1' }, 'd-1');
        let day = '2025-07-01';
        await bank.loans.closeLoans(day, ['loan-1']);
        for (const [index, s] of steps.entries()) {
          const money = { reference: `r-${index}`, on: addDays(day, 1), at: LOAN_AT };
          if (s.kind === 'days') {
            for (let k = 0; k < s.days; k++) {
              day = addDays(day, 1);
              await bank.loans.closeLoans(day, ['loan-1']);
            }
            continue;
          }
          if (s.kind === 'repay') await bank.loans.repay('loan-1', { ...money, amount: (s.amount / 100).toFixed(2), overpayment: index % 2 === 0 ? 'refund' : 'hold' }, `c-${index}`);
          if (s.kind === 'prepay') await bank.loans.prepay('loan-1', { ...money, amount: (s.amount / 100).toFixed(2), option: s.option }, `c-${index}`);
          if (s.kind === 'payoff') await bank.loans.payOff('loan-1', { ...money, amount: '20000.00' }, `c-${index}`);
          if (s.kind === 'writeOff') await bank.loans.handle(bank.loans.streamOf('loan-1'), { type: 'WriteOff', on: money.on, at: LOAN_AT, approvedBy: 'committee' }, { commandId: `c-${index}`, metadata: { correlationId: 'w', tenant: 'bank', actor: 'officer', channel: 'app' } });
          day = addDays(day, 1);
          await bank.loans.closeLoans(day, ['loan-1']);
        }
        expect(trialBalanceGaps(bank.book)).toEqual([]);
        const state = await bank.loans.state('loan-1');
        expect(loanBalance(bank, 'principal', 'loan-1')).toBe(state.principalReceivable);
        expect(loanBalance(bank, 'interestReceivable', 'loan-1')).toBe(state.interestReceivable);
        expect(loanBalance(bank, 'penaltyReceivable', 'loan-1')).toBe(state.penaltyReceivable);
        expect(loanBalance(bank, 'allowance', 'loan-1')).toBe(state.allowance);
        expect(loanBalance(bank, 'feeReceivable', 'loan-1')).toBe(state.feeReceivable);
        // What the borrower owes, fees included, is what the loan's receivables hold (plus memo interest of a non-performing loan).
        if (state.status === 'active') {
          const receivables = ['principal', 'interestReceivable', 'penaltyReceivable', 'feeReceivable'] as const;
          expect(totalOwed(state)).toBe(receivables.reduce((sum, role) => sum + loanBalance(bank, role, 'loan-1'), 0n) + state.interestOffBalance + state.penaltyOffBalance);
        }
        expect(loanBalance(bank, 'creditBalances', 'loan-1')).toBe(state.credit);
        expect(loanBalance(bank, 'clearing', 'loan-1')).toBe(0n);
        // The borrower's exposure stream follows the loan: drawn principal while active, nothing once closed or written off.
        const drawn = (await bank.loans.exposure('b-1'))['loan-1'];
        expect(drawn === undefined ? 0n : drawn.reserved + drawn.drawn).toBe(state.status === 'active' ? state.principalReceivable : 0n);
        // No allocation takes more than the money it spreads, fees included.
        for (const recorded of await bank.store.readStream(bank.loans.streamOf('loan-1'))) {
          const d = recorded.data as { amount?: string; allocation?: Record<'penalty' | 'fee' | 'interest' | 'principal', string> };
          if (d.allocation === undefined || d.amount === undefined) continue;
          const a = d.allocation;
          expect(decimalToMinor(a.penalty, 2) + decimalToMinor(a.fee, 2) + decimalToMinor(a.interest, 2) + decimalToMinor(a.principal, 2)).toBeLessThanOrEqual(decimalToMinor(d.amount, 2));
        }
        // Replay with a fresh decider gives the same state.
        expect(await replayContract(bank.store, bank.loans.streamOf('loan-1'), bank.loans.decider, loanEventSchemas)).toEqual(state);
        // A date run again changes nothing.
        const before = bank.store.readStream(bank.loans.streamOf('loan-1')).then((events) => events.length);
        const again = await bank.loans.closeLoans(day, ['loan-1']);
        expect(again.accrual.alreadyCompleted).toBe(true);
        expect((await bank.store.readStream(bank.loans.streamOf('loan-1'))).length).toBe(await before);
      }),
      { numRuns: 12 },
    );
  }, 60_000);

  it('the per-borrower internet consumer cap holds for any sequence of applications', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 500, max: 120_000 }), { minLength: 1, maxLength: 5 }), async (amounts) => {
        const bank = await openLoanBank();
        await openFundedAccount(bank, 'dd-1', '0');
        const ids: string[] = [];
        for (const [index, amount] of amounts.entries()) {
          const id = `loan-${index}`;
          try {
            await originate(bank, id, 'dd-1', `${amount}.00`, 'b-1');
          } catch {
            // A declined application is not approved: nothing to sign.
          }
          ids.push(id);
          if (index % 2 === 0) await bank.loans.disburse(id, { amount: `${amount}.00`, on: '2025-07-01', at: LOAN_AT, reference: `p-${index}` }, `d-${index}`).then((r) => E.isRight(r));
        }
        let exposure = 0n;
        for (const id of ids) {
          const s = await bank.loans.state(id);
          exposure += s.status === 'active' ? s.principalReceivable : s.status === 'approved' || s.status === 'signed' ? (s.terms?.limit ?? 0n) : 0n;
        }
        expect(exposure).toBeLessThanOrEqual(20_000_000n);
        expect(exposureTotal(await bank.loans.exposure('b-1'))).toBe(exposure);
      }),
      { numRuns: 10 },
    );
  }, 60_000);
});
