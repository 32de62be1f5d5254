/**
 * The repayment waterfall as data: the order in which a payment serves the components of what is
 * owed, whether it finishes one installment before the next or one component across all
 * installments first, and which installment statuses it serves at all (past-due before due).
 */
import { ProductsError, describeValue } from '../../errors.js';
import { closedRecord } from '../../interest/input.js';

/** A component of what a borrower owes on an installment (penalty includes compound interest). */
export type LoanComponent = 'penalty' | 'fee' | 'interest' | 'principal';
/** Every component, in the default waterfall order. */
export const LOAN_COMPONENTS: readonly LoanComponent[] = Object.freeze(['penalty', 'fee', 'interest', 'principal']);

/** Where an installment stands on the payment date. */
export type InstallmentStatus = 'past-due' | 'due' | 'not-yet-due';
/** Every status, oldest first: the only order in which a waterfall may serve them. */
export const INSTALLMENT_STATUSES: readonly InstallmentStatus[] = Object.freeze(['past-due', 'due', 'not-yet-due']);

/**
 * - `installment-by-installment`: the oldest installment is paid off, all components in order,
 *   before the next one gets anything.
 * - `component-by-component`: the first component is paid on every installment (oldest first),
 *   then the second, and so on.
 * Either way an earlier status tier (past-due) is served completely before a later one (due).
 */
export type WaterfallMode = 'installment-by-installment' | 'component-by-component';
/** Every waterfall mode. */
export const WATERFALL_MODES: readonly WaterfallMode[] = Object.freeze(['installment-by-installment', 'component-by-component']);

/** How a payment is spread over what is owed. */
export interface Waterfall {
  /** Every component once, first served first. */
  readonly order: readonly LoanComponent[];
  readonly mode: WaterfallMode;
  /** The statuses served, in order; installments of other statuses get nothing (their money stays unallocated). */
  readonly statuses: readonly InstallmentStatus[];
}

/**
 * The default: penalty, then fee, then interest, then principal; oldest installment first; past-due
 * before due; installments not yet due are not prepaid (the overpayment is returned unallocated).
 */
export const DEFAULT_WATERFALL: Waterfall = Object.freeze({
  order: LOAN_COMPONENTS,
  mode: 'installment-by-installment',
  statuses: Object.freeze(['past-due', 'due'] as const),
});

const WATERFALL_FIELDS = ['order', 'mode', 'statuses'] as const;

const orderOf = (value: unknown): readonly LoanComponent[] => {
  const ok =
    Array.isArray(value) &&
    value.length === LOAN_COMPONENTS.length &&
    new Set(value).size === value.length &&
    value.every((c: unknown) => (LOAN_COMPONENTS as readonly unknown[]).includes(c));
  if (!ok) throw new ProductsError('waterfall_order_invalid', describeValue(value), 'order');
  return Object.freeze([...(value as LoanComponent[])]);
};

const statusesOf = (value: unknown): readonly InstallmentStatus[] => {
  if (!Array.isArray(value) || value.length === 0 || value.length > INSTALLMENT_STATUSES.length) {
    throw new ProductsError('waterfall_statuses_invalid', describeValue(value), 'statuses');
  }
  const ranks = value.map((s: unknown) => (INSTALLMENT_STATUSES as readonly unknown[]).indexOf(s));
  // Strictly increasing ranks: known, distinct, and never a later status before an earlier one.
  if (ranks.some((rank, i) => rank < 0 || (i > 0 && rank <= (ranks[i - 1] as number)))) {
    throw new ProductsError('waterfall_statuses_invalid', JSON.stringify(value).slice(0, 80), 'statuses');
  }
  return Object.freeze([...(value as InstallmentStatus[])]);
};

/**
 * A checked waterfall from untyped data; omitted fields take the default's.
 * @throws ProductsError `input_not_object`, `field_unknown`, `waterfall_order_invalid`,
 *   `waterfall_mode_unknown`, `waterfall_statuses_invalid`.
 */
export function waterfall(input: unknown): Waterfall {
  const record = closedRecord(input, WATERFALL_FIELDS);
  const mode = record['mode'] ?? DEFAULT_WATERFALL.mode;
  if (typeof mode !== 'string' || !(WATERFALL_MODES as readonly string[]).includes(mode)) {
    throw new ProductsError('waterfall_mode_unknown', describeValue(mode), 'mode');
  }
  return Object.freeze({
    order: record['order'] === undefined ? DEFAULT_WATERFALL.order : orderOf(record['order']),
    mode: mode as WaterfallMode,
    statuses: record['statuses'] === undefined ? DEFAULT_WATERFALL.statuses : statusesOf(record['statuses']),
  });
}
