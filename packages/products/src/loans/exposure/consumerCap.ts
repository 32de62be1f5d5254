/**
 * The per-borrower cap on internet consumer credit (2020 CBIRC Interim Measures for Internet Loans
 * of Commercial Banks: at most 200,000 CNY of unsecured consumer credit per borrower through
 * internet channels), enforced across all of the borrower's internet consumer loans: the
 * outstanding principal of those loans plus a new amount must stay within the cap.
 */
import { CNY, minorToDecimal, type Asset } from '@ecoledger/ledger';
import * as E from 'fp-ts/lib/Either.js';
import { closedRecord, optionalString, principalOf, requiredString } from '../../interest/input.js';
import { positiveAmountOf } from '../../input/fields.js';
import { DEFAULT_INTERNET_CONSUMER_CAP } from '../../limits.js';

/** A refusal with the numbers behind it (decimal strings in major units). */
export interface ConsumerCapRefusal {
  readonly code: 'consumer_credit_cap_exceeded';
  readonly outstanding: string;
  readonly requested: string;
  readonly cap: string;
  /** What could still be lent: cap − outstanding, never below zero. */
  readonly headroom: string;
}

/** The exposure once the new amount is lent. */
export interface ConsumerCapAllowance {
  readonly outstandingAfter: string;
  readonly headroomAfter: string;
}

/** The question: the borrower's outstanding internet consumer principal, the new amount, and the cap (default 200,000.00). */
export interface ConsumerCapCheck {
  readonly outstanding: string;
  readonly requested: string;
  readonly cap?: string;
}

/** What may still be lent under `cap` with `outstanding` already lent, in minor units (never negative). @internal */
export const headroomMinor = (outstanding: bigint, cap: bigint): bigint => (cap > outstanding ? cap - outstanding : 0n);

/** The cap in minor units of `asset`; the regulatory default when absent. @throws `field_not_string`, `amount_invalid`, `amount_negative`. */
export const capMinorOf = (cap: unknown, asset: Asset): bigint =>
  principalOf(optionalString({ cap }, 'cap') ?? DEFAULT_INTERNET_CONSUMER_CAP, asset, 'cap');

/**
 * Whether `requested` may be lent: refused with `consumer_credit_cap_exceeded` and the numbers
 * when outstanding + requested exceeds the cap (reaching it exactly is allowed).
 * @throws ProductsError for malformed input (`field_unknown`, `amount_invalid`, `amount_not_positive`, ...).
 */
export function checkConsumerExposure(input: ConsumerCapCheck, asset: Asset = CNY): E.Either<ConsumerCapRefusal, ConsumerCapAllowance> {
  const record = closedRecord(input, ['outstanding', 'requested', 'cap']);
  const outstanding = principalOf(requiredString(record, 'outstanding'), asset, 'outstanding');
  const requested = positiveAmountOf(record, 'requested', asset);
  const cap = capMinorOf(record['cap'], asset);
  const text = (minor: bigint): string => minorToDecimal(minor, asset.scale);
  if (outstanding + requested > cap) {
    return E.left({ code: 'consumer_credit_cap_exceeded', outstanding: text(outstanding), requested: text(requested), cap: text(cap), headroom: text(headroomMinor(outstanding, cap)) });
  }
  return E.right({ outstandingAfter: text(outstanding + requested), headroomAfter: text(cap - outstanding - requested) });
}
