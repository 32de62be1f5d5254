import { CNY } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { isProductsError } from '../../errors.js';
import { parseLoanCommand } from './commands.js';

const apply = (contractId: string) => ({
  type: 'Apply',
  contractId,
  borrowerId: 'b-1',
  productCode: 'consumer-loan',
  amount: '1000.00',
  termMonths: 12,
  repaymentMethod: 'equal-installment',
  purpose: 'a laptop',
  channel: 'app',
  linkedAccountId: 'dd-1',
  applicant: { monthlyIncome: '10000.00', monthlyDebtPayments: '0.00', existingExposure: '0.00', overdueCount24Months: 0, currentlyOverdue: false, birthDate: '1990-01-01' },
  on: '2026-01-05',
  at: '2026-01-05T09:30:00.000Z',
});

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return isProductsError(error) ? error.code : 'not a products error';
  }
};

describe('loan contract ids', () => {
  it('refuses ids whose stream would read as collateral, warnings or a borrower’s exposure', () => {
    for (const id of ['collateral-1', 'warnings-7', 'borrower-42']) expect(codeOf(() => parseLoanCommand(apply(id), CNY)), id).toBe('contract_id_reserved');
  });

  it('takes other ids', () => {
    expect(codeOf(() => parseLoanCommand(apply('L-2026-0001'), CNY))).toBeUndefined();
    expect(codeOf(() => parseLoanCommand(apply('collateralized-1'), CNY))).toBeUndefined();
  });
});
