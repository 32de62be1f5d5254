/**
 * Hand-written fast paths for the io-ts codecs of the hot ledger events. A fast check only ever
 * accepts what its codec accepts (a property test holds it to that); anything it is unsure about
 * goes to the codec itself, which also produces the path-and-reason error. Validation on write and
 * on read stays complete; it just does not walk a batch of 8,000 transfers through combinators.
 */
import * as t from 'io-ts';
import { AMOUNT_PATTERN, ID_PATTERN, MAX_CODE, MAX_TIMEOUT_SECONDS } from '../limits.js';

const ID = ID_PATTERN;
const AMOUNT = AMOUNT_PATTERN;
const DIGITS = /^(0|[1-9][0-9]*)$/;
const TRANSFER_FLAGS = new Set([
  'pending',
  'post_pending_transfer',
  'void_pending_transfer',
  'balancing_debit',
  'balancing_credit',
  'closing_debit',
  'closing_credit',
  'imported',
]);

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);
const isId = (u: unknown): boolean => typeof u === 'string' && ID.test(u);
const isAmount = (u: unknown): boolean => typeof u === 'string' && AMOUNT.test(u);
const isTimestamp = (u: unknown): boolean => typeof u === 'string' && DIGITS.test(u);
const isIntegerIn = (u: unknown, min: number, max: number): boolean => typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max;
const isCode = (u: unknown): boolean => isIntegerIn(u, 1, MAX_CODE);
const optional = (u: unknown, check: (v: unknown) => boolean): boolean => u === undefined || check(u);

const isTransferRecord = (r: Record<string, unknown>): boolean => {
  const flags = r['flags'];
  if (!Array.isArray(flags)) return false;
  for (const flag of flags) if (typeof flag !== 'string' || !TRANSFER_FLAGS.has(flag)) return false;
  return (
    isId(r['id']) &&
    isId(r['debitAccountId']) &&
    isId(r['creditAccountId']) &&
    isAmount(r['amount']) &&
    isId(r['ledger']) &&
    isCode(r['code']) &&
    isTimestamp(r['timestamp']) &&
    optional(r['requestedAmount'], (v) => v === null || isAmount(v)) &&
    optional(r['pendingId'], isId) &&
    optional(r['timeout'], (v) => isIntegerIn(v, 0, MAX_TIMEOUT_SECONDS)) &&
    optional(r['userData'], (v) => typeof v === 'string') &&
    optional(r['reversalOf'], isId)
  );
};

const isJournalRecord = (r: Record<string, unknown>): boolean => {
  const legs = r['legs'];
  if (!Array.isArray(legs)) return false;
  for (const leg of legs) {
    if (!isObject(leg) || !isId(leg['accountId']) || (leg['side'] !== 'debit' && leg['side'] !== 'credit') || !isAmount(leg['amount'])) return false;
  }
  return (
    isId(r['id']) &&
    isCode(r['code']) &&
    isTimestamp(r['timestamp']) &&
    optional(r['userData'], (v) => typeof v === 'string') &&
    optional(r['reversalOf'], isId)
  );
};

/** Fast check of `TransfersCommitted` data. */
export const isTransfersCommittedData = (u: unknown): boolean => {
  if (!isObject(u)) return false;
  const { expired, transfers, failed } = u;
  if (!Array.isArray(expired) || !Array.isArray(transfers) || !Array.isArray(failed)) return false;
  for (const e of expired) if (!isObject(e) || !isId(e['id']) || !isTimestamp(e['timestamp'])) return false;
  for (const f of failed) if (!isObject(f) || !isId(f['id']) || typeof f['code'] !== 'string') return false;
  for (const p of transfers) {
    if (!isObject(p)) return false;
    if (p['kind'] === 'transfer' ? !isTransferRecord(p) : p['kind'] === 'journal' ? !isJournalRecord(p) : true) return false;
  }
  return true;
};

/**
 * `codec`, with `check` tried first on validation: accepted input is returned as is. Only for
 * codecs of plain JSON data whose encoding is the identity (every ledger event codec): encoding
 * then costs nothing instead of a walk through the union combinators.
 */
export const withFastPath = <A>(codec: t.Type<A, A, unknown>, check: (u: unknown) => boolean): t.Type<A, A, unknown> =>
  new t.Type<A, A, unknown>(
    codec.name,
    (u): u is A => check(u) || codec.is(u),
    (u, c) => (check(u) ? t.success(u as A) : codec.validate(u, c)),
    t.identity,
  );
