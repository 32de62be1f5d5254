/**
 * Days past due: counted from the oldest due date that still has money unpaid to the as-of date.
 * An installment falling due on the as-of date is due, not yet past due: day 1 is the day after.
 */
import { minorToDecimal, type Asset } from '@ecoledger/ledger';
import { businessDate, daysBetween, type BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError, describeValue } from '../../errors.js';
import { assetOf, closedRecord, principalOf, requiredString } from '../../interest/input.js';
import { MAX_INSTALLMENTS_PER_ALLOCATION } from '../../limits.js';

/** An installment's due date and what is still unpaid on it (all components, major units). */
export interface UnpaidInstallment {
  readonly dueDate: string;
  readonly unpaid: string;
}

/** Input of {@link daysPastDue}. */
export interface DaysPastDueInput {
  readonly asOf: string;
  /** In any order; fully paid installments may be listed with unpaid "0.00". */
  readonly installments: readonly UnpaidInstallment[];
  /** CNY when omitted. */
  readonly asset?: Asset;
}

/** How far behind a loan is on a date. */
export interface DaysPastDue {
  readonly asOf: BusinessDate;
  /** 0 when nothing due before the as-of date is unpaid. */
  readonly daysPastDue: number;
  readonly oldestUnpaidDueDate: BusinessDate | null;
  /** Unpaid money of the installments due before the as-of date. */
  readonly overdueAmount: string;
}

const INPUT_FIELDS = ['asOf', 'installments', 'asset'] as const;
const INSTALLMENT_FIELDS = ['dueDate', 'unpaid'] as const;

/**
 * Days past due of a loan on `asOf`. Known answer: 100.00 unpaid of the installment due
 * 2026-01-15 gives 1 day past due on 2026-01-16 and 0 on 2026-01-15.
 * @throws ProductsError `input_not_object`, `field_unknown`, `field_missing`, `date_invalid`,
 *   `amount_invalid`, `amount_negative`, `installments_invalid`.
 */
export function daysPastDue(input: DaysPastDueInput): DaysPastDue {
  const record = closedRecord(input, INPUT_FIELDS);
  const asset = assetOf(record['asset']);
  const asOf = businessDate(requiredString(record, 'asOf'), 'asOf');
  const list = record['installments'];
  if (list === undefined) throw new ProductsError('field_missing', 'installments', 'installments');
  if (!Array.isArray(list) || list.length > MAX_INSTALLMENTS_PER_ALLOCATION) throw new ProductsError('installments_invalid', describeValue(list), 'installments');
  let oldest: BusinessDate | null = null;
  let overdue = 0n;
  list.forEach((entry: unknown, i) => {
    const item = closedRecord(entry, INSTALLMENT_FIELDS);
    const dueDate = businessDate(requiredString(item, 'dueDate'), `installments[${i}].dueDate`);
    const unpaid = principalOf(requiredString(item, 'unpaid'), asset, `installments[${i}].unpaid`);
    if (unpaid === 0n || dueDate >= asOf) return;
    overdue += unpaid;
    if (oldest === null || dueDate < oldest) oldest = dueDate;
  });
  return {
    asOf,
    daysPastDue: oldest === null ? 0 : daysBetween(oldest, asOf),
    oldestUnpaidDueDate: oldest,
    overdueAmount: minorToDecimal(overdue, asset.scale),
  };
}
