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
import { LedgerIntegrityError } from './ledgerIntegrityError.js';
import type { KeyObject } from 'node:crypto';

/** The `seal` option of `Book.open`. */
export type SealOptions = SealKey & {
  /** Keys of earlier rotations: events sealed with them still verify. */
  readonly previousKeys?: readonly SealKey[];
  /**
   * Accept a history whose newest event is unkeyed (a book written before it had a key), once, to
   * migrate it: the book's next event seals it. Left off, such a history is refused, since a
   * database writer could have rewritten it whole as plain SHA-256.
   */
  readonly adoptUnkeyedHistory?: boolean;
};

/** What a book checks its history with and seals its writes with. */
export class BookIntegrity {
  /** From this revision on, every event must be keyed (`undefined` while the chain is unkeyed). */
  sealedFrom: bigint | undefined = undefined;

  constructor(
    /** Accept an unkeyed history under a seal key (a one-time migration); otherwise it is refused. */
    readonly adoptUnkeyedHistory: boolean,
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

/** Validates the book id and the integrity options of `Book.open`. @throws InvalidArgumentError */
export const integrityOptionsOf = (
  bookId: unknown,
  options: { readonly seal?: SealOptions; readonly headKey?: HeadSigningKey },
): BookIntegrity => {
  assertBookId(bookId);
  const seal = options.seal === undefined ? undefined : assertSealKey(options.seal);
  const keys = sealKeyRing(seal === undefined ? [] : [seal, ...(options.seal?.previousKeys ?? [])]);
  const adopt = options.seal?.adoptUnkeyedHistory === true;
  return new BookIntegrity(adopt, seal, keys, options.headKey === undefined ? undefined : headSigningKeyOf(options.headKey));
};

const unkeyedHistory = (stream: string, revision: bigint): LedgerIntegrityError =>
  new LedgerIntegrityError(
    stream,
    revision,
    'the history is not sealed with a key, so a database writer could have rewritten it; to migrate a book written before it had a key, open it once with seal.adoptUnkeyedHistory',
  );

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
  if (integrity.seal !== undefined && !integrity.adoptUnkeyedHistory) {
    // Before replaying anything: a keyed book's newest event must be keyed (it seals all before it).
    const [newest] = await store.readStream(streams.events, { direction: 'backwards', maxCount: 1 });
    if (newest !== undefined && newest.metadata.sealKeyId === undefined) throw unkeyedHistory(streams.events, newest.revision);
  }
  const snapshot = await loadBoundSnapshot(store, streams, integrity.keys, integrity.seal !== undefined);
  integrity.sealedFrom = snapshot?.position.sealedFrom;
  const book = await build(snapshot?.state ?? initialBookState(), snapshot?.position ?? { revision: undefined, hash: GENESIS_HASH });
  if (integrity.seal !== undefined && integrity.sealedFrom === undefined) {
    if (book.currentRevision !== undefined && !integrity.adoptUnkeyedHistory) throw unkeyedHistory(streams.events, book.currentRevision);
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
