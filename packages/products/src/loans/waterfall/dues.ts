/**
 * What a borrower owes per installment, as the waterfall takes it: checked at run time (the caller
 * may be JSON from an API) and listed oldest first.
 */
import type { Asset } from '@ecoledger/ledger';
import { businessDate, type BusinessDate } from '../../calendar/businessDate.js';
import { ProductsError, describeValue } from '../../errors.js';
import { integerOf } from '../../input/fields.js';
import { closedRecord, principalOf, requiredString } from '../../interest/input.js';
import { MAX_INSTALLMENTS_PER_ALLOCATION, MAX_TERM_MONTHS } from '../../limits.js';
import { INSTALLMENT_STATUSES, LOAN_COMPONENTS, type InstallmentStatus, type LoanComponent } from './waterfall.js';

/** One installment's unpaid amounts (decimal strings in major units, 0 or more). */
export interface InstallmentDue {
  /** The installment number, 1 for the first. */
  readonly period: number;
  readonly dueDate: string;
  readonly status: InstallmentStatus;
  readonly penalty: string;
  readonly fee: string;
  readonly interest: string;
  readonly principal: string;
}

/** A checked installment due, amounts in minor units. @internal */
export interface Due {
  readonly period: number;
  readonly dueDate: BusinessDate;
  readonly status: InstallmentStatus;
  readonly owed: Readonly<Record<LoanComponent, bigint>>;
}

const DUE_FIELDS = ['period', 'dueDate', 'status', ...LOAN_COMPONENTS] as const;
// A period number beyond any schedule's length is a data error; twice the longest term leaves room.
const MAX_PERIOD = 2 * MAX_TERM_MONTHS;

const dueOf = (value: unknown, index: number, asset: Asset): Due => {
  const record = closedRecord(value, DUE_FIELDS);
  const status = record['status'];
  if (status === undefined) throw new ProductsError('field_missing', 'status', `installments[${index}].status`);
  if (typeof status !== 'string' || !(INSTALLMENT_STATUSES as readonly string[]).includes(status)) {
    throw new ProductsError('installment_status_unknown', describeValue(status), `installments[${index}].status`);
  }
  const owed = {} as Record<LoanComponent, bigint>;
  for (const component of LOAN_COMPONENTS) {
    owed[component] = principalOf(requiredString(record, component), asset, `installments[${index}].${component}`);
  }
  return {
    period: integerOf(record['period'], `installments[${index}].period`, 1, MAX_PERIOD),
    dueDate: businessDate(requiredString(record, 'dueDate'), `installments[${index}].dueDate`),
    status: status as InstallmentStatus,
    owed,
  };
};

/**
 * Checked installments, oldest first.
 * @throws ProductsError `installments_invalid`, `installments_out_of_order`,
 *   `installment_status_out_of_order`, and the field codes of each installment.
 */
export function duesOf(value: unknown, asset: Asset): readonly Due[] {
  // Checked before walking, so a hostile huge array costs nothing.
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_INSTALLMENTS_PER_ALLOCATION) {
    throw new ProductsError('installments_invalid', describeValue(value), 'installments');
  }
  const dues = value.map((entry: unknown, i) => dueOf(entry, i, asset));
  dues.forEach((due, i) => {
    const previous = dues[i - 1];
    if (previous === undefined) return;
    if (due.period <= previous.period || due.dueDate <= previous.dueDate) {
      throw new ProductsError('installments_out_of_order', `period ${due.period} (${due.dueDate}) after period ${previous.period} (${previous.dueDate})`, `installments[${i}]`);
    }
    if (INSTALLMENT_STATUSES.indexOf(due.status) < INSTALLMENT_STATUSES.indexOf(previous.status)) {
      throw new ProductsError('installment_status_out_of_order', `period ${due.period} is ${due.status} after a ${previous.status} one`, `installments[${i}]`);
    }
  });
  return dues;
}
