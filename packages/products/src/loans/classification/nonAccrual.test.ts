import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { nonAccrualChange, type NonAccrualInput } from './nonAccrual.js';
import { RISK_CLASSES, isNonPerforming } from './riskClass.js';

const accruedUnpaid = { interest: '120.50', penalty: '8.25' };
const codeOf = (input: unknown): string | undefined => errorCodeOf(() => nonAccrualChange(input as NonAccrualInput));

describe('nonAccrualChange: interest on a loan that turns non-performing', () => {
  it('known answer: becoming substandard stops accrual and moves the accrued unpaid interest off balance sheet', () => {
    const moved = { interest: '120.50', penalty: '8.25', total: '128.75' };
    expect(nonAccrualChange({ previous: 'special-mention', next: 'substandard', accruedUnpaid })).toEqual({ accrual: 'stop', reverseFromIncome: moved, moveOffBalanceSheet: moved });
  });

  it('every pair of classes: stop only into non-performing, resume only out of it, nothing moved otherwise', () => {
    for (const previous of RISK_CLASSES) {
      for (const next of RISK_CLASSES) {
        const change = nonAccrualChange({ previous, next, accruedUnpaid });
        const stops = !isNonPerforming(previous) && isNonPerforming(next);
        const resumes = isNonPerforming(previous) && !isNonPerforming(next);
        expect(change.accrual).toBe(stops ? 'stop' : resumes ? 'resume' : 'unchanged');
        expect(change.moveOffBalanceSheet.total).toBe(stops ? '128.75' : '0.00');
        expect(change.reverseFromIncome).toEqual(change.moveOffBalanceSheet);
      }
    }
  });

  it('bad input gets a specific code', () => {
    expect(codeOf({ previous: 'normal', next: 'bad', accruedUnpaid })).toBe('risk_class_unknown');
    expect(codeOf({ previous: 'normal', next: 'loss' })).toBe('field_missing');
    expect(codeOf({ previous: 'normal', next: 'loss', accruedUnpaid: { interest: '1.00' } })).toBe('field_missing');
    expect(codeOf({ previous: 'normal', next: 'loss', accruedUnpaid: { ...accruedUnpaid, fee: '1.00' } })).toBe('field_unknown');
    expect(codeOf({ previous: 'normal', next: 'loss', accruedUnpaid: { ...accruedUnpaid, interest: '-1.00' } })).toBe('amount_negative');
  });
});
