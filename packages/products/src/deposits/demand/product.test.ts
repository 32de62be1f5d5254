import { CNY } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { demandProduct, demandProductInput } from '../../../test-kit/deposits/demandFixtures.js';
import { demandDepositProduct } from './product.js';
import { errorCodeOf } from '../../../test-kit/errorCode.js';

const codeOf = (overrides: Record<string, unknown>): string | undefined => errorCodeOf(() => demandDepositProduct({ ...demandProductInput, ...overrides } as never));

describe('demand deposit product data', () => {
  it('fills the defaults: CNY, half-up, no withholding, the PBoC class limits in fen', () => {
    const product = demandProduct();
    expect(product.asset).toEqual(CNY);
    expect(product.rounding).toBe('half-up');
    expect(product.withholdingTaxPercent).toBeUndefined();
    expect(product.classLimits).toEqual({
      I: {},
      II: { dailyIn: 1_000_000n, yearlyIn: 20_000_000n, dailyOut: 1_000_000n, yearlyOut: 20_000_000n },
      III: { maxBalance: 200_000n, dailyIn: 200_000n, yearlyIn: 5_000_000n, dailyOut: 200_000n, yearlyOut: 5_000_000n },
    });
  });

  it('takes the calendar’s posting schedule, whose day defaults to the 20th', () => {
    expect(demandProduct({ postingSchedule: { frequency: 'monthly' } }).postingSchedule).toEqual({ frequency: 'monthly', day: 20 });
  });

  it('a configured class replaces that class’s defaults', () => {
    expect(demandProduct({ classLimits: { II: { dailyOut: '5000' } } }).classLimits.II).toEqual({ dailyOut: 500_000n });
  });

  it('refuses bad product data with specific codes', () => {
    expect(codeOf({ extra: 1 })).toBe('field_unknown');
    expect(codeOf({ code: '' })).toBe('identifier_invalid');
    expect(codeOf({ rates: [] })).toBe('rate_table_invalid');
    expect(codeOf({ rates: undefined })).toBe('field_missing');
    expect(codeOf({ dayCount: 'ACT/ACT' })).toBe('day_count_unknown');
    expect(codeOf({ postingSchedule: { frequency: 'yearly', day: 20 } })).toBe('posting_schedule_invalid');
    expect(codeOf({ postingSchedule: { frequency: 'monthly', day: 31 } })).toBe('posting_schedule_invalid');
    expect(codeOf({ rounding: 'nearest' })).toBe('rounding_mode_unknown');
    expect(codeOf({ withholdingTaxPercent: '100.00000001' })).toBe('withholding_tax_invalid');
    expect(codeOf({ withholdingTaxPercent: '-1' })).toBe('withholding_tax_invalid');
    expect(codeOf({ withholdingTaxPercent: 20 })).toBe('field_not_string');
    expect(codeOf({ accountingBasis: 'modified-cash' })).toBe('accounting_basis_unknown');
    expect(codeOf({ classLimits: { IV: {} } })).toBe('class_limits_invalid');
    expect(codeOf({ classLimits: { II: { weekly: '1' } } })).toBe('class_limits_invalid');
    expect(codeOf({ classLimits: { II: { dailyIn: 1000 } } })).toBe('class_limits_invalid');
    expect(codeOf({ classLimits: { II: { dailyIn: '1.001' } } })).toBe('class_limits_invalid');
    expect(codeOf({ customerAccountCode: 0 })).toBe('transfer_code_invalid');
    expect(codeOf({ transferCodes: { ...demandProductInput.transferCodes, deposit: 65_536 } })).toBe('transfer_code_invalid');
    expect(codeOf({ transferCodes: { ...demandProductInput.transferCodes, refund: 1 } })).toBe('field_unknown');
    expect(codeOf({ ledger: undefined })).toBe('field_missing');
    expect(codeOf({ asset: { code: 'X' } })).toBe('asset_invalid');
  });
});
