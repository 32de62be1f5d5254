import * as E from 'fp-ts/lib/Either.js';
import { createInMemoryCheckpointStore } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { bankContext } from '../../../test-kit/deposits/depositBank.js';
import { openCollateralLoanBank, type CollateralLoanBank } from '../../../test-kit/loans/collateralLoanBank.js';
import { pledge, revalue } from '../../../test-kit/loans/collateralFixtures.js';
import { LOAN_AT, TERMS_HASH, applyCommand } from '../../../test-kit/loans/loanFixtures.js';

const ok = <T>(result: E.Either<unknown, T>): T => {
  if (E.isLeft(result)) throw result.left;
  return result.right;
};
const daysThrough = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) days.push(d.toISOString().slice(0, 10));
  return days;
};

/** A 100,000.00 car loan over 36 months on a car valued 150,000.00, paid out into dd-1 on 2025-07-01 and spent at once. */
const lentAndSpent = async (bank: CollateralLoanBank): Promise<void> => {
  const stream = bank.demand.streamOf('dd-1');
  ok(await bank.demand.handle(stream, { type: 'Open', contractId: 'dd-1', customerId: 'b-1', kycReference: 'kyc', channel: 'app', accountClass: 'I', openedOn: '2025-06-30', at: LOAN_AT }, bankContext('open-dd-1')));
  const loan = bank.loans.streamOf('car-1');
  const applicant = { monthlyIncome: '30000.00', monthlyDebtPayments: '2000.00', existingExposure: '0.00', overdueCount24Months: 0, currentlyOverdue: false, birthDate: '1988-05-20', collateralValue: '150000.00' };
  ok(await bank.loans.handle(loan, applyCommand({ contractId: 'car-1', productCode: 'car-loan', amount: '100000.00', termMonths: 36, purpose: 'a new car', applicant }), bankContext('apply')));
  ok(await bank.loans.decideCredit('car-1', '2025-06-30', 'decide'));
  ok(await bank.loans.handle(loan, { type: 'Approve', on: '2025-06-30', at: LOAN_AT, approvedBy: 'officer-1' }, bankContext('approve')));
  ok(await bank.loans.handle(loan, { type: 'Sign', termsHash: TERMS_HASH, channel: 'app', at: LOAN_AT }, bankContext('sign')));
  expect(await bank.collateral('car-col-1', pledge({ collateralId: 'car-col-1', loanContractId: 'car-1', kind: 'vehicle', description: 'BYD Seal, VIN LGXC...', valuation: '150000.00', valuedOn: '2025-06-30' }), 'pledge')).toBe('ok');
  ok(await bank.loans.disburse('car-1', { amount: '100000.00', on: '2025-07-01', at: LOAN_AT, reference: 'payout-car-1' }, 'disburse'));
  ok(await bank.demand.handle(stream, { type: 'Withdraw', amount: '100000.00', destination: 'spending', reference: 'dealer', on: '2025-07-01', at: LOAN_AT }, bankContext('dealer')));
};

describe('early warnings from a real loan', () => {
  it('two missed auto-debits, a downgrade and a depreciated car each raise their warning, listed by the risk read model', async () => {
    const bank = await openCollateralLoanBank();
    const checkpoints = createInMemoryCheckpointStore();
    await lentAndSpent(bank);
    // 100,000 over the car's 150,000: 66.67 %, under the car loan's 80 %: no warning at disbursement.
    await bank.runWarnings(checkpoints);
    expect(bank.model.openWarnings({ loanContractId: 'car-1' }).items).toEqual([]);

    for (const day of daysThrough('2025-07-01', '2025-09-01')) await bank.loans.closeLoans(day, ['car-1']);
    await bank.runWarnings(checkpoints);
    const rules = bank.model.openWarnings({ loanContractId: 'car-1' }).items.map((w) => [w.rule, w.severity, w.detail]);
    // The 1 August installment found nothing (run 1), the loan fell overdue (special-mention), 1 September found nothing again (run 2).
    expect(rules).toMatchObject([
      ['class-downgrade', 'medium', { previousClass: 'normal', nextClass: 'special-mention' }],
      ['auto-debit-shortfalls', 'medium', { run: 2, threshold: 2, taken: '0.00' }],
    ]);
    const run = bank.model.openWarnings({ rule: 'auto-debit-shortfalls' }).items[0]!.detail as { due: string; shortfall: string };
    expect(run.shortfall).toBe(run.due);

    // The car is revalued at 120,000.00: 100,000 ÷ 120,000 = 83.33 % > 80 %.
    expect(await bank.collateral('car-col-1', revalue('120000.00', '2025-09-02', 'depreciation'), 'revalue')).toBe('ok');
    await bank.runWarnings(checkpoints);
    expect(bank.model.openWarnings({ rule: 'ltv-above-threshold' }).items.map((w) => [w.loanContractId, w.severity, w.detail])).toEqual([
      ['car-1', 'medium', { source: 'revaluation', outstanding: '100000.00', collateralValue: '120000.00', maxLtvPercent: '80', ltvPercent: '83.33' }],
    ]);
    expect(bank.model.openCounts()).toMatchObject({ total: 3, byRule: { 'ltv-above-threshold': 1, 'class-downgrade': 1, 'auto-debit-shortfalls': 1 } });
  });
});
