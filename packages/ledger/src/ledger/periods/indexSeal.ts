/**
 * Seals of closed-posting index rows. The index lives in the same database as the log, so a
 * database writer could delete, edit or insert rows: a retried id of a closed period would then
 * pass as new, or a retry answer `exists` for a body never stored. Each row the book writes
 * carries a seal over the book id, the period, the id and the entry (or, for a reversal row, the
 * original and the reversal id): HMAC-SHA256 under the book's seal key (its id recorded), which a
 * database writer without the key cannot recompute; without a key, plain SHA-256, which, like the
 * unkeyed chain, catches accidental corruption only. Every lookup checks the seal.
 *
 * The rule for rows without a seal (written before seals existed): readable only by a book whose
 * chain is unkeyed. A keyed book refuses them; migrating with `seal.adoptUnkeyedHistory` rewrites
 * the closed periods from the log, sealed. Deleted rows cannot be seen by a lookup (absence is
 * absence): verify catches them, and `Book.open` when it rebuilds or completes a period.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson, type SealKey, type SealKeyRing } from '../hashChain.js';
import type { ClosedEntry } from './closedEntry.js';

/** A row's seal: hex digest, and the id of the key for an HMAC (none for plain SHA-256). */
export interface IndexSeal {
  readonly digest: string;
  readonly keyId?: string;
}

/** Format tags, hashed with the content, so an entry seal can never pass as a reversal seal. */
const ENTRY_FORMAT = 'ecoledger-closed-entry/1';
const REVERSAL_FORMAT = 'ecoledger-closed-reversal/1';

const digestOf = (text: string, key: Uint8Array | undefined): string =>
  (key === undefined ? createHash('sha256') : createHmac('sha256', key)).update(text).digest('hex');

const sealOf = (text: string, key: SealKey | undefined): IndexSeal =>
  key === undefined ? { digest: digestOf(text, undefined) } : { digest: digestOf(text, key.key), keyId: key.keyId };

const entryText = (bookId: string, period: number, id: string, entry: ClosedEntry): string =>
  `${ENTRY_FORMAT}\n${canonicalJson({ bookId, entry, id, period })}`;

const reversalText = (bookId: string, originalId: string, reversalId: string): string =>
  `${REVERSAL_FORMAT}\n${canonicalJson({ bookId, originalId, reversalId })}`;

/** The seal of an index entry (keyed when `key` is given). */
export const entrySeal = (bookId: string, period: number, id: string, entry: ClosedEntry, key: SealKey | undefined): IndexSeal =>
  sealOf(entryText(bookId, period, id, entry), key);

/** The seal of an index reversal row (keyed when `key` is given). */
export const reversalSeal = (bookId: string, originalId: string, reversalId: string, key: SealKey | undefined): IndexSeal =>
  sealOf(reversalText(bookId, originalId, reversalId), key);

/** How a reader checks seals: the keys it holds, and whether the book is keyed (then unkeyed rows are refused). */
export interface IndexSealCheck {
  readonly keys: SealKeyRing;
  readonly keyed: boolean;
}

const sameHex = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const problemOf = (text: string, seal: IndexSeal | undefined, check: IndexSealCheck): string | undefined => {
  if (seal === undefined) return check.keyed ? 'the row carries no seal, and the book is keyed (inserted, or written before seals and never migrated)' : undefined;
  if (seal.keyId === undefined) {
    if (check.keyed) return 'the row carries an unkeyed digest, and the book is keyed (a downgrade)';
    return sameHex(seal.digest, digestOf(text, undefined)) ? undefined : 'the row does not match its digest (edited or corrupted)';
  }
  const key = check.keys.get(seal.keyId);
  if (key === undefined) return `the row is sealed with key ${seal.keyId}, which was not given: cannot check it`;
  return sameHex(seal.digest, digestOf(text, key)) ? undefined : `the row does not match its seal under key ${seal.keyId} (edited or forged)`;
};

/** Why an entry's seal does not hold, or `undefined` when it does. */
export const entrySealProblem = (bookId: string, period: number, id: string, entry: ClosedEntry, seal: IndexSeal | undefined, check: IndexSealCheck): string | undefined =>
  problemOf(entryText(bookId, period, id, entry), seal, check);

/** Why a reversal row's seal does not hold, or `undefined` when it does. */
export const reversalSealProblem = (bookId: string, originalId: string, reversalId: string, seal: IndexSeal | undefined, check: IndexSealCheck): string | undefined =>
  problemOf(reversalText(bookId, originalId, reversalId), seal, check);
