/**
 * A book's integrity settings and the checks `Book.open` and catch-up run with them: seal keys
 * (write key plus keys of earlier rotations), the head signing key, and the revision from which the
 * chain must stay keyed.
 */
import type { RecordedEvent } from '../../eventStore/envelope.js';
import type { EventStore } from '../../eventStore/eventStore.js';
import { initialBookState, type BookState } from '../bookState.js';
import { assertSealKey, GENESIS_HASH, sealKeyRing, type SealKey, type SealKeyRing } from '../hashChain.js';
import { headSigningKeyOf, signBookHead, BOOK_HEAD_FORMAT, type HeadSigningKey, type SignedBookHead } from './bookHead.js';
import { assertBookId } from './bookId.js';
import { loadBoundSnapshot } from './boundSnapshot.js';
import { assertNextLink } from './chainCheck.js';
import type { KeyObject } from 'node:crypto';

/** What a book checks its history with and seals its writes with. */
export class BookIntegrity {
  /** From this revision on, every event must be keyed (`undefined` while the chain is unkeyed). */
  sealedFrom: bigint | undefined = undefined;

  constructor(
    /** Key the book seals its appends with; `undefined` for an unkeyed chain. */
    readonly seal: SealKey | undefined,
    /** Every key stored events may be sealed with. */
    readonly keys: SealKeyRing,
    readonly headKey: { readonly keyId: string; readonly privateKey: KeyObject } | undefined,
  ) {}

  /**
   * Checks that `event` soundly follows the chain at (`revision`, `hash`), then notes when keyed
   * sealing starts. @throws LedgerIntegrityError otherwise.
   */
  admit(event: RecordedEvent, revision: bigint | undefined, hash: string): void {
    assertNextLink(event, { revision, hash, sealedFrom: this.sealedFrom }, this.keys);
    if (this.sealedFrom === undefined && event.metadata.sealKeyId !== undefined) this.sealedFrom = event.revision;
  }
}

/** Validates the book id and the integrity options of `Book.open`. @throws InvalidArgumentError, TypeError */
export const integrityOptionsOf = (
  bookId: unknown,
  options: { readonly seal?: SealKey & { readonly previousKeys?: readonly SealKey[] }; readonly headKey?: HeadSigningKey },
): BookIntegrity => {
  assertBookId(bookId);
  const seal = options.seal === undefined ? undefined : assertSealKey(options.seal);
  const keys = sealKeyRing(seal === undefined ? [] : [seal, ...(options.seal?.previousKeys ?? [])]);
  return new BookIntegrity(seal, keys, options.headKey === undefined ? undefined : headSigningKeyOf(options.headKey));
};

/**
 * Loads the latest bound snapshot (or nothing), lets `build` make the book and catch it up (which
 * admits every later event), then, for a keyed book, requires keys from the next revision on.
 */
export const openVerified = async <B extends { readonly currentRevision: bigint | undefined }>(
  store: EventStore,
  streams: { readonly events: string; readonly snapshots: string },
  integrity: BookIntegrity,
  build: (state: BookState, position: { readonly revision: bigint | undefined; readonly hash: string }) => Promise<B>,
): Promise<B> => {
  const snapshot = await loadBoundSnapshot(store, streams, integrity.keys);
  integrity.sealedFrom = snapshot?.position.sealedFrom;
  const book = await build(snapshot?.state ?? initialBookState(), snapshot?.position ?? { revision: undefined, hash: GENESIS_HASH });
  if (integrity.seal !== undefined && integrity.sealedFrom === undefined) {
    integrity.sealedFrom = book.currentRevision === undefined ? 0n : book.currentRevision + 1n;
  }
  return book;
};

/** The signed head of a book standing at (`revision`, `hash`). @throws TypeError without a head key or events. */
export const headOf = (
  integrity: BookIntegrity,
  bookId: string,
  stream: string,
  revision: bigint | undefined,
  hash: string,
  now: Date,
): SignedBookHead => {
  if (integrity.headKey === undefined) throw new TypeError('the book was opened without a headKey: it cannot sign heads');
  if (revision === undefined) throw new TypeError('the book has no events yet: there is no head to anchor');
  return signBookHead({ format: BOOK_HEAD_FORMAT, bookId, stream, revision: revision.toString(), hash, at: now.toISOString() }, integrity.headKey);
};
