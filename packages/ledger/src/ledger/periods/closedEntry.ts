/**
 * What the book remembers of an id after its period closed: the posting as recorded (with the
 * final status of a hold), or the transient code it failed with. Kept outside the book's state,
 * in a {@link ClosedPostingIndex}, so that the idempotency check of old ids stays exact
 * (`exists`, `exists_with_different_*`, `id_already_failed` forever, as in TigerBeetle) while the
 * state holds only the open period.
 */
import * as t from 'io-ts';
import type { LedgerErrorCode } from '../../errors.js';
import { ledgerResultMessages } from '../../errors.js';
import type { PendingStatus } from '../bookState.js';
import { PostingRecord } from '../events.js';
import type { IndexSeal } from './indexSeal.js';

/** A posting of a closed period; `status` for a hold that was posted, voided or expired. */
export interface ClosedPosting {
  readonly kind: 'posting';
  readonly record: PostingRecord;
  readonly status?: Exclude<PendingStatus, 'pending'>;
}

/** An id that failed with a transient code in a closed period. */
export interface ClosedFailure {
  readonly kind: 'failed';
  readonly code: LedgerErrorCode;
}

/** One id of a closed period. */
export type ClosedEntry = ClosedPosting | ClosedFailure;

/** What a lookup finds for an id: its entry, the period it closed in, and its reversal if any. */
export interface ClosedRecord {
  readonly entry: ClosedEntry;
  readonly period: number;
  /** Id of the reversal of this posting (made in any period up to the last closed one). */
  readonly reversedBy?: string;
  /** The entry row's seal (see indexSeal.ts); absent on rows written before seals. */
  readonly seal?: IndexSeal;
  /** The reversal row's seal, with `reversedBy`. */
  readonly reversalSeal?: IndexSeal;
}

const ErrorCode = new t.Type<LedgerErrorCode, string, unknown>(
  'LedgerErrorCode',
  (u): u is LedgerErrorCode => typeof u === 'string' && Object.hasOwn(ledgerResultMessages, u) && u !== 'ok' && u !== 'exists',
  (u, c) => (typeof u === 'string' && Object.hasOwn(ledgerResultMessages, u) && u !== 'ok' && u !== 'exists' ? t.success(u as LedgerErrorCode) : t.failure(u, c)),
  t.identity,
);

/** Codec of a stored {@link ClosedEntry} (validated when read back from a database). */
export const ClosedEntryCodec: t.Type<ClosedEntry, unknown, unknown> = t.union([
  t.intersection([
    t.type({ kind: t.literal('posting'), record: PostingRecord }),
    t.partial({ status: t.keyof({ posted: null, voided: null, expired: null }) }),
  ]),
  t.type({ kind: t.literal('failed'), code: ErrorCode }),
]) as unknown as t.Type<ClosedEntry, unknown, unknown>;
