/**
 * A book's integrity settings and the checks `Book.open` and catch-up run with them: seal keys
 * (write key plus keys of earlier rotations), the head signing key, and the revision from which the
 * chain must stay keyed.
 */
import type { EventEnvelope, RecordedEvent } from '../../eventStore/envelope.js';
import type { EventStore } from '../../eventStore/eventStore.js';
import { initialBookState, type BookState } from '../bookState.js';
import { assertSealKey, GENESIS_HASH, sealKeyRing, type SealKey, type SealKeyRing } from '../hashChain.js';
import { headSigningKeyOf, signBookHead, BOOK_HEAD_FORMAT, type HeadSigningKey, type SignedBookHead } from './bookHead.js';
import { assertBookId } from './bookId.js';
import { loadBoundSnapshot } from './boundSnapshot.js';
import { assertNextLink } from './chainCheck.js';
import { LedgerIntegrityError } from './ledgerIntegrityError.js';
import { adoptedHeadOf, assertAdoptedHeadStored, unkeyedAfterHead, withAdoptionRecord, type AdoptedHead, type CheckedAdoptedHead } from './unkeyedAdoption.js';
import type { KeyObject } from 'node:crypto';

/** The `seal` option of `Book.open`. */
export type SealOptions = SealKey & {
  /** Keys of earlier rotations: events sealed with them still verify. */
  readonly previousKeys?: readonly SealKey[];
  /**
   * Migrate a book written before it had a key: the head of its unkeyed history, `{ revision, hash }`,
   * taken out of band before keying (from `ecoledger verify`, the legacy system, or a signed head).
   * The book accepts the unkeyed history only if it ends exactly there, with that hash; its first
   * keyed event seals the link to it and records the head (`metadata.adoptedHead`). Left off, an
   * unkeyed newest event is refused, since a database writer could have rewritten the history
   * whole as plain SHA-256. The former boolean form is refused: the head must be named.
   */
  readonly adoptUnkeyedHistory?: AdoptedHead;
};

/** What a book checks its history with and seals its writes with. */
export class BookIntegrity {
  /** From this revision on, every event must be keyed (`undefined` while the chain is unkeyed). */
  sealedFrom: bigint | undefined = undefined;

  constructor(
    /** The head of the unkeyed history to adopt under the seal key; without it an unkeyed history is refused. */
    readonly adoptedHead: CheckedAdoptedHead | undefined,
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
    const head = this.adoptedHead;
    // Also while replaying: another (unkeyed) writer may have appended after the check on open.
    if (head !== undefined && event.metadata.sealKeyId === undefined) {
      if (event.revision > head.revision) throw unkeyedAfterHead(event.streamName, event.revision, head);
      if (event.revision === head.revision && event.metadata.hash !== head.hash) {
        throw new LedgerIntegrityError(event.streamName, event.revision, `the event at the adopted head does not carry the adopted hash ${head.hash}`);
      }
    }
    if (this.sealedFrom === undefined && event.metadata.sealKeyId !== undefined) this.sealedFrom = event.revision;
  }

  /**
   * The events of a batch about to be sealed at `firstRevision`: the first keyed event after an
   * adopted head carries the adoption record, so the key seals which head was adopted.
   */
  sealing(firstRevision: bigint, events: readonly EventEnvelope[]): readonly EventEnvelope[] {
    const head = this.adoptedHead;
    return head !== undefined && this.seal !== undefined && firstRevision === head.revision + 1n ? withAdoptionRecord(events, head) : events;
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
  const adopt = options.seal === undefined ? undefined : adoptedHeadOf(options.seal.adoptUnkeyedHistory);
  return new BookIntegrity(adopt, seal, keys, options.headKey === undefined ? undefined : headSigningKeyOf(options.headKey));
};

const unkeyedHistory = (stream: string, revision: bigint): LedgerIntegrityError =>
  new LedgerIntegrityError(
    stream,
    revision,
    'the history is not sealed with a key, so a database writer could have rewritten it; to migrate a book written before it had a key, open it with seal.adoptUnkeyedHistory: { revision, hash }, the head of its unkeyed history taken before keying',
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
  if (integrity.adoptedHead !== undefined) {
    // Before replaying anything: the unkeyed history ends exactly at the head named out of band.
    await assertAdoptedHeadStored(store, streams.events, integrity.adoptedHead, integrity.keys);
  } else if (integrity.seal !== undefined) {
    // Before replaying anything: a keyed book's newest event must be keyed (it seals all before it).
    const [newest] = await store.readStream(streams.events, { direction: 'backwards', maxCount: 1 });
    if (newest !== undefined && newest.metadata.sealKeyId === undefined) throw unkeyedHistory(streams.events, newest.revision);
  }
  const snapshot = await loadBoundSnapshot(store, streams, integrity.keys, integrity.seal !== undefined);
  integrity.sealedFrom = snapshot?.position.sealedFrom;
  const book = await build(snapshot?.state ?? initialBookState(), snapshot?.position ?? { revision: undefined, hash: GENESIS_HASH });
  if (integrity.seal !== undefined && integrity.sealedFrom === undefined) {
    if (book.currentRevision !== undefined && integrity.adoptedHead === undefined) throw unkeyedHistory(streams.events, book.currentRevision);
    // The check before replaying and `admit` leave the unkeyed history ending at the adopted head.
    if (integrity.adoptedHead !== undefined && book.currentRevision !== integrity.adoptedHead.revision) {
      throw new LedgerIntegrityError(streams.events, integrity.adoptedHead.revision, 'the unkeyed history does not end at the adopted head');
    }
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
