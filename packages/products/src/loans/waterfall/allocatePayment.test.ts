import { JPY } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { allocatePayment } from './allocatePayment.js';
import type { InstallmentDue } from './dues.js';
import { DEFAULT_WATERFALL, waterfall } from './waterfall.js';

const pastDue: InstallmentDue = { period: 1, dueDate: '2026-01-15', status: 'past-due', penalty: '10.00', fee: '5.00', interest: '40.00', principal: '800.00' };
const due: InstallmentDue = { period: 2, dueDate: '2026-02-15', status: 'due', penalty: '0.00', fee: '0.00', interest: '40.00', principal: '800.00' };
const future: InstallmentDue = { period: 3, dueDate: '2026-03-15', status: 'not-yet-due', penalty: '0.00', fee: '0.00', interest: '40.00', principal: '800.00' };
const codeOf = (run: () => unknown): string | undefined => errorCodeOf(run);

describe('allocatePayment: the repayment waterfall', () => {
  it('known answer (default): penalty, fee, interest, principal; past-due installment first', () => {
    const result = allocatePayment('1000.00', [pastDue, due]);
    expect(result).toEqual({
      paid: '1000.00',
      allocated: '1000.00',
      unallocated: '0.00',
      installments: [
        { period: 1, dueDate: '2026-01-15', status: 'past-due', penalty: '10.00', fee: '5.00', interest: '40.00', principal: '800.00', total: '855.00' },
        { period: 2, dueDate: '2026-02-15', status: 'due', penalty: '0.00', fee: '0.00', interest: '40.00', principal: '105.00', total: '145.00' },
      ],
      steps: [
        { period: 1, component: 'penalty', amount: '10.00' },
        { period: 1, component: 'fee', amount: '5.00' },
        { period: 1, component: 'interest', amount: '40.00' },
        { period: 1, component: 'principal', amount: '800.00' },
        { period: 2, component: 'interest', amount: '40.00' },
        { period: 2, component: 'principal', amount: '105.00' },
      ],
      waterfall: DEFAULT_WATERFALL,
    });
  });

  it('component-by-component: the first component on every installment before the next component', () => {
    const plan = waterfall({ mode: 'component-by-component' });
    const result = allocatePayment('100.00', [pastDue, { ...due, status: 'past-due' }], plan);
    // penalty 10, fee 5, interest 40 + 40 = 95; 5.00 left for principal of period 1.
    expect(result.steps.map((s) => `${s.period}:${s.component}:${s.amount}`)).toEqual([
      '1:penalty:10.00', '1:fee:5.00', '1:interest:40.00', '2:interest:40.00', '1:principal:5.00',
    ]);
  });

  it('a configured order: interest before principal before penalty', () => {
    const plan = waterfall({ order: ['interest', 'principal', 'penalty', 'fee'] });
    expect(allocatePayment('845.00', [pastDue]).installments[0]?.principal).toBe('790.00');
    expect(allocatePayment('845.00', [pastDue], plan).installments[0]).toMatchObject({ interest: '40.00', principal: '800.00', penalty: '5.00', fee: '0.00' });
  });

  it('the overpayment is returned unallocated; not-yet-due installments are prepaid only when the waterfall says so', () => {
    const result = allocatePayment('2000.00', [pastDue, due, future]);
    expect(result).toMatchObject({ allocated: '1695.00', unallocated: '305.00' });
    expect(result.installments.map((i) => i.period)).toEqual([1, 2]);
    const prepay = allocatePayment('2000.00', [pastDue, due, future], waterfall({ statuses: ['past-due', 'due', 'not-yet-due'] }));
    expect(prepay).toMatchObject({ allocated: '2000.00', unallocated: '0.00' });
    expect(prepay.installments[2]).toMatchObject({ interest: '40.00', principal: '265.00' });
    // Serving only past-due installments leaves the due one untouched.
    expect(allocatePayment('2000.00', [pastDue, due], waterfall({ statuses: ['past-due'] })).unallocated).toBe('1145.00');
  });

  it('counts in the asset’s minor unit (JPY: whole yen)', () => {
    const yen: InstallmentDue = { period: 1, dueDate: '2026-01-15', status: 'due', penalty: '0', fee: '0', interest: '150', principal: '10000' };
    expect(allocatePayment('200', [yen], DEFAULT_WATERFALL, JPY)).toMatchObject({ allocated: '200', installments: [{ interest: '150', principal: '50' }] });
  });

  it('bad input gets a specific code', () => {
    expect(codeOf(() => allocatePayment('0.00', [due]))).toBe('amount_not_positive');
    expect(codeOf(() => allocatePayment('-1.00', [due]))).toBe('amount_negative');
    expect(codeOf(() => allocatePayment('1.001', [due]))).toBe('amount_invalid');
    expect(codeOf(() => allocatePayment(100 as unknown as string, [due]))).toBe('field_not_string');
    expect(codeOf(() => allocatePayment('1.00', []))).toBe('installments_invalid');
    expect(codeOf(() => allocatePayment('1.00', {} as unknown as InstallmentDue[]))).toBe('installments_invalid');
    expect(codeOf(() => allocatePayment('1.00', [{ ...due, extra: 1 } as InstallmentDue]))).toBe('field_unknown');
    expect(codeOf(() => allocatePayment('1.00', [{ ...due, status: 'late' } as unknown as InstallmentDue]))).toBe('installment_status_unknown');
    expect(codeOf(() => allocatePayment('1.00', [{ ...due, fee: 1 } as unknown as InstallmentDue]))).toBe('field_not_string');
    expect(codeOf(() => allocatePayment('1.00', [{ ...due, period: 0 }]))).toBe('count_invalid');
    expect(codeOf(() => allocatePayment('1.00', [{ ...due, dueDate: '2026-02-30' }]))).toBe('date_invalid');
    expect(codeOf(() => allocatePayment('1.00', [due, pastDue]))).toBe('installments_out_of_order');
    expect(codeOf(() => allocatePayment('1.00', [pastDue, { ...due, dueDate: pastDue.dueDate }]))).toBe('installments_out_of_order');
    expect(codeOf(() => allocatePayment('1.00', [{ ...pastDue, status: 'due' }, { ...due, status: 'past-due' }]))).toBe('installment_status_out_of_order');
    expect(codeOf(() => allocatePayment('1.00', [due], { ...DEFAULT_WATERFALL, mode: 'oldest' as never }))).toBe('waterfall_mode_unknown');
  });
});

describe('waterfall: the plan as checked data', () => {
  it('takes the defaults for omitted fields and refuses anything malformed', () => {
    expect(waterfall({})).toEqual(DEFAULT_WATERFALL);
    expect(codeOf(() => waterfall({ order: ['penalty', 'fee', 'interest'] }))).toBe('waterfall_order_invalid');
    expect(codeOf(() => waterfall({ order: ['penalty', 'fee', 'interest', 'interest'] }))).toBe('waterfall_order_invalid');
    expect(codeOf(() => waterfall({ order: ['penalty', 'fee', 'interest', 'tax'] }))).toBe('waterfall_order_invalid');
    expect(codeOf(() => waterfall({ mode: 'by-date' }))).toBe('waterfall_mode_unknown');
    expect(codeOf(() => waterfall({ statuses: [] }))).toBe('waterfall_statuses_invalid');
    expect(codeOf(() => waterfall({ statuses: ['due', 'past-due'] }))).toBe('waterfall_statuses_invalid');
    expect(codeOf(() => waterfall({ statuses: ['due', 'due'] }))).toBe('waterfall_statuses_invalid');
    expect(codeOf(() => waterfall({ statuses: ['late'] }))).toBe('waterfall_statuses_invalid');
    expect(codeOf(() => waterfall({ sweep: 'x' }))).toBe('field_unknown');
    expect(codeOf(() => waterfall(null))).toBe('input_not_object');
  });
});
