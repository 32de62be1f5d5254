/**
 * Posting rules as data: a table from product event type to the legs it posts, with the accounts
 * named by role (`customer`, `interestExpense`, `interestPayable`, ...). A chart binding resolves
 * roles to ledger account ids for the event's contract. The same table serves cash and accrual
 * accounting: each leg says under which basis it applies (an accrual posts interest expense daily
 * against interest payable; cash accounting books the expense only when interest is paid).
 */
import { ProductsError } from '../errors.js';
import type { PostingIntent } from './ledgerEffects.js';

/** Cash accounting books interest when paid; accrual accounting books it daily as it is earned. */
export type AccountingBasis = 'cash' | 'accrual';

/** The accounting bases, for validation. */
export const ACCOUNTING_BASES: readonly AccountingBasis[] = ['cash', 'accrual'];

/** One leg template: move the event's amount field from one role to another. */
export interface PostingLegRule<Role extends string, Data> {
  readonly key: string;
  readonly debit: Role;
  readonly credit: Role;
  /** Picks the decimal amount string from the event's data (a field name, or a function for nested data). */
  readonly amount: (data: Data) => string;
  /** Transfer code of the leg. */
  readonly code: number;
  /** Bases the leg applies under (default both). */
  readonly basis?: readonly AccountingBasis[];
}

/** A posting rule table: for each event type, its legs (an event type absent from the table posts nothing). */
export type PostingRuleTable<Role extends string, Event extends { readonly type: string; readonly data: unknown }> = {
  readonly [Type in Event['type']]?: readonly PostingLegRule<Role, Extract<Event, { readonly type: Type }>['data']>[];
};

/** Resolves a role to a ledger account id for one event (usually from the contract id in the event). */
export type RoleResolver<Role extends string, Event> = (role: Role, event: Event) => string;

const isZero = (amount: string): boolean => /^0+(\.0+)?$/.test(amount);

/**
 * The postings an event causes under a rule table and basis. Pure: the same event, table, basis and
 * binding always give the same postings, in the table's leg order; legs of amount zero are dropped
 * (an interest posting with no tax has no tax leg).
 * @throws ProductsError `posting_rule_invalid` for a leg whose amount is not a non-negative decimal string.
 */
export function applyPostingRules<Role extends string, Event extends { readonly type: string; readonly data: unknown }>(
  table: PostingRuleTable<Role, Event>,
  basis: AccountingBasis,
  event: Event,
  resolve: RoleResolver<Role, Event>,
  ledger: string,
): PostingIntent[] {
  const legs = (table as Record<string, readonly PostingLegRule<Role, unknown>[] | undefined>)[event.type] ?? [];
  const postings: PostingIntent[] = [];
  for (const leg of legs) {
    if (leg.basis !== undefined && !leg.basis.includes(basis)) continue;
    const amount = leg.amount(event.data);
    if (typeof amount !== 'string' || !/^[0-9]+(\.[0-9]+)?$/.test(amount)) {
      throw new ProductsError('posting_rule_invalid', `leg ${leg.key} of ${event.type} gave ${String(amount)}`, leg.key);
    }
    if (isZero(amount)) continue;
    postings.push({
      key: leg.key,
      ledger,
      debitAccountId: resolve(leg.debit, event),
      creditAccountId: resolve(leg.credit, event),
      amount,
      code: leg.code,
    });
  }
  return postings;
}
