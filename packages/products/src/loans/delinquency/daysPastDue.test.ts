import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { daysPastDue, type DaysPastDueInput } from './daysPastDue.js';

const installments = [
  { dueDate: '2026-01-15', unpaid: '0.00' },
  { dueDate: '2026-02-15', unpaid: '100.00' },
  { dueDate: '2026-03-15', unpaid: '900.00' },
];
const codeOf = (input: unknown): string | undefined => errorCodeOf(() => daysPastDue(input as DaysPastDueInput));

describe('daysPastDue', () => {
  it('counts from the oldest due date with money unpaid; the due date itself is day 0', () => {
    expect(daysPastDue({ asOf: '2026-02-15', installments })).toEqual({ asOf: '2026-02-15', daysPastDue: 0, oldestUnpaidDueDate: null, overdueAmount: '0.00' });
    expect(daysPastDue({ asOf: '2026-02-16', installments })).toMatchObject({ daysPastDue: 1, oldestUnpaidDueDate: '2026-02-15', overdueAmount: '100.00' });
    // The fully paid January installment does not count; March is overdue too, but February is older.
    expect(daysPastDue({ asOf: '2026-05-16', installments })).toMatchObject({ daysPastDue: 90, overdueAmount: '1000.00' });
    expect(daysPastDue({ asOf: '2026-05-17', installments: [...installments].reverse() })).toMatchObject({ daysPastDue: 91, oldestUnpaidDueDate: '2026-02-15' });
    expect(daysPastDue({ asOf: '2026-05-17', installments: [] }).daysPastDue).toBe(0);
  });

  it('bad input gets a specific code', () => {
    expect(codeOf({ asOf: '2026-02-16' })).toBe('field_missing');
    expect(codeOf({ asOf: '2026-02-16', installments: 'x' })).toBe('installments_invalid');
    expect(codeOf({ asOf: '2026-02-30', installments })).toBe('date_invalid');
    expect(codeOf({ asOf: '2026-02-16', installments: [{ dueDate: '2026-01-15', unpaid: '-1.00' }] })).toBe('amount_negative');
    expect(codeOf({ asOf: '2026-02-16', installments: [{ dueDate: '2026-01-15', unpaid: '1.00', paid: '0' }] })).toBe('field_unknown');
    expect(codeOf({ asOf: '2026-02-16', installments, extra: true })).toBe('field_unknown');
  });
});
