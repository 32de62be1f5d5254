/**
 * `verifyLedgerStore`: walks a store's whole log and checks every ledger book in it: each book
 * stream's hash chain (nothing edited, dropped, reordered or inserted), that every event decodes
 * against its schema, that replaying it keeps the double-entry invariants after every event (each
 * batch balances per asset, guarded accounts stay within their guard, no balance field goes
 * negative), that every snapshot is bound to (and sealed like) the event it covers and, where the
 * replay stands at that event, equals the replayed state.
 *
 * With seal keys, keyed chains are checked under them and every book must be keyed (an unkeyed
 * chain is plain SHA-256, which anyone who can write the database can recompute); a book keyed
 * later has an unkeyed prefix, reported with what vouches for it (an adoption record sealed in its
 * first keyed event, or a signed head at its last revision), and without either the report is not
 * tamper-evident. With signed heads
 * (kept outside the database), each head must match the log: a deleted tail or book is caught.
 * Every stream under the book prefix is a book stream: one with an invalid book id is a problem.
 * Open the store read-only (`openEventStore(url, { readOnly: true })`): then a log the store
 * cannot show whole is reported `incomplete`, never OK.
 * Across closed periods no posting id may be stored twice; given the closed-posting index
 * (`closedPostings`), it must hold every closed period's ids as the log has them, sealed, and no
 * more (see periods/closedIndexAudit.ts).
 * It stops at the first problem and names its stream and revision.
 */
import { VERIFY_PAGE_SIZE } from '../limits.js';
import * as E from 'fp-ts/lib/Either.js';
import { decodeEvent } from '../commandHandling/eventSchemas.js';
import type { RecordedEvent } from '../eventStore/envelope.js';
import { isEventStoreError } from '../eventStore/errors.js';
import type { EventStore } from '../eventStore/eventStore.js';
import { initialBookState, type AccountState, type BookState } from './bookState.js';
import { ledgerEventSchemas, type LedgerEvent } from './events.js';
import { AccountFlag } from './flags.js';
import { GENESIS_HASH, sealKeyRing, snapshotSealBreak, type SealKey, type SealKeyRing } from './hashChain.js';
import { headPublicKeyRing, headSignatureProblem, type HeadPublicKey, type SignedBookHead } from './integrity/bookHead.js';
import { BOOK_STREAM_PREFIX, classifyBookStream, SNAPSHOT_STREAM_SUFFIX } from './integrity/bookId.js';
import { nextLinkProblem } from './integrity/chainCheck.js';
import { evolveRecorded } from './requestFingerprint.js';
import { bookSnapshotSchemas } from './snapshot.js';
import { ClosedIndexAudit, type ClosedIndexReader } from './periods/closedIndexAudit.js';
import { firstLaggingMismatch, snapshotMatches, type LaggingSnapshot } from './integrity/snapshotComparison.js';

/** Where verification failed and why. */
export interface VerifyProblem {
  readonly stream: string;
  readonly revision: bigint;
  readonly reason: string;
}

/** Per-book figures of a verification run. */
export interface VerifiedBook {
  readonly stream: string;
  readonly events: number;
  readonly snapshots: number;
  readonly accounts: number;
  readonly postings: number;
  /** True when the book's chain is sealed with a key (HMAC), from its first event or a later one on. */
  readonly keyed: boolean;
  /** Where the book's stream ends: its last revision and hash (the head to adopt when keying a legacy book). */
  readonly head?: { readonly revision: bigint; readonly hash: string };
  /**
   * For a book keyed from revision N > 0: its unkeyed prefix 0..N-1 and what vouches for it.
   * `adoption`: the first keyed event records the head the book adopted, named out of band, so the
   * prefix is the one that was adopted (a rewrite before that head was taken is not detectable).
   * `signed head`: a signed head at revision N-1, taken before keying, matched. Neither: nothing
   * vouches for the prefix as it stood before keying (a book keyed by continuing an unchecked
   * unkeyed history), and the report is not tamper-evident.
   */
  readonly unkeyedPrefix?: { readonly lastRevision: bigint; readonly vouchedBy: 'adoption' | 'signed head' | undefined };
}

/** What to check the log against. */
export interface VerifyOptions {
  /** Events per read (default 1,000). */
  readonly pageSize?: number;
  /** Seal keys (current and rotated): keyed chains are checked under them, and every book must be keyed. */
  readonly sealKeys?: readonly SealKey[];
  /** Signed heads kept outside the database: the log must hold each head's revision with its hash. */
  readonly heads?: readonly SignedBookHead[];
  /** Ed25519 public keys the heads are checked with. */
  readonly headKeys?: readonly HeadPublicKey[];
  /** The closed-posting index, read only: compared with every closed period of every book. */
  readonly closedPostings?: ClosedIndexReader;
}

/** What {@link verifyLedgerStore} found. */
export interface VerifyReport {
  readonly ok: boolean;
  /** Events read from the log, ledger or not. */
  readonly eventsRead: number;
  readonly books: readonly VerifiedBook[];
  /**
   * True only when seal keys were given, every book is keyed and checked under them, and every
   * unkeyed prefix (of a book keyed later) is vouched for (see {@link VerifiedBook.unkeyedPrefix}).
   * False means the chains catch accidental corruption but not someone who can write the database.
   */
  readonly tamperEvident: boolean;
  /** Distinct signed heads (book and revision) matched against the log. */
  readonly headsChecked: number;
  /**
   * Set (and `ok` false) when the store could not show the whole log (PostgreSQL events held back
   * by transactions still in progress): what was read was only a prefix, so nothing is vouched for.
   */
  readonly incomplete?: string;
  /** The first problem, when `ok` is false. */
  readonly problem?: VerifyProblem;
}

interface BookWalk {
  readonly stream: string;
  state: BookState;
  revision: bigint | undefined;
  lastHash: string;
  sealedFrom: bigint | undefined;
  /** Whether the first keyed event carries an adoption record (checked by `nextLinkProblem`). */
  adoptionRecorded: boolean;
  /** The newest unkeyed revision at which a signed head matched. */
  unkeyedHeadAt: bigint | undefined;
  events: number;
  snapshots: number;
  /** Bound snapshots written after the walk had passed their revision: compared in a second pass. */
  readonly lagging: LaggingSnapshot[];
  /** Closed periods: no id stored twice, and the index (when given) as the log closed them. */
  readonly closed: ClosedIndexAudit;
}

/** What verification runs with: keys, and the heads by stream and revision. */
interface Checks {
  readonly store: EventStore;
  readonly keys: SealKeyRing;
  readonly heads: ReadonlyMap<string, ReadonlyMap<bigint, SignedBookHead>>;
}

class Problem extends Error {
  constructor(
    readonly stream: string,
    readonly revision: bigint,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Checks every head's signature and indexes the heads by stream and revision. */
const indexHeads = (heads: readonly SignedBookHead[], headKeys: readonly HeadPublicKey[]): Map<string, Map<bigint, SignedBookHead>> => {
  const keys = headPublicKeyRing(headKeys);
  const byStream = new Map<string, Map<bigint, SignedBookHead>>();
  for (const head of heads) {
    const revision = BigInt(head.revision);
    const fail = (reason: string) => new Problem(head.stream, revision, `signed head: ${reason}`);
    const broken = headSignatureProblem(head, keys);
    if (broken !== undefined) throw fail(broken);
    if (head.stream !== `${BOOK_STREAM_PREFIX}${head.bookId}`) throw fail(`stream ${head.stream} is not the stream of book ${head.bookId}`);
    const atStream = byStream.get(head.stream) ?? new Map<bigint, SignedBookHead>();
    const other = atStream.get(revision);
    if (other !== undefined && other.hash !== head.hash) throw fail('two signed heads give different hashes for this revision');
    atStream.set(revision, head);
    byStream.set(head.stream, atStream);
  }
  return byStream;
};

/** Verifies every ledger book in the store; see the module comment. */
export const verifyLedgerStore = async (store: EventStore, options: VerifyOptions = {}): Promise<VerifyReport> => {
  const pageSize = options.pageSize ?? VERIFY_PAGE_SIZE;
  const books = new Map<string, BookWalk>();
  const keyed = (options.sealKeys ?? []).length > 0;
  let eventsRead = 0;
  let headsChecked = 0;
  let after: bigint | 'start' = 'start';
  const report = (problem?: VerifyProblem): VerifyReport => {
    const summary = summaries(books);
    const tamperEvident =
      problem === undefined && keyed && summary.length > 0 && summary.every((book) => book.keyed && (book.unkeyedPrefix === undefined || book.unkeyedPrefix.vouchedBy !== undefined));
    return problem === undefined
      ? { ok: true, eventsRead, books: summary, tamperEvident, headsChecked }
      : { ok: false, eventsRead, books: summary, tamperEvident, headsChecked, problem };
  };
  try {
    const checks: Checks = { store, keys: sealKeyRing(options.sealKeys ?? []), heads: indexHeads(options.heads ?? [], options.headKeys ?? []) };
    for (;;) {
      const page: RecordedEvent[] = await store.readAll({ after, maxCount: pageSize });
      for (const event of page) {
        eventsRead++;
        const kind = classifyBookStream(event.streamName);
        if (kind.kind === 'invalid') throw new Problem(event.streamName, event.revision, kind.problem);
        if (kind.kind !== 'other') {
          const stream = `${BOOK_STREAM_PREFIX}${kind.bookId}`;
          let walk = books.get(stream);
          if (walk === undefined) {
            const closed = new ClosedIndexAudit(kind.bookId, options.closedPostings, { keys: checks.keys, keyed });
            walk = { stream, state: initialBookState(), revision: undefined, lastHash: GENESIS_HASH, sealedFrom: undefined, adoptionRecorded: false, unkeyedHeadAt: undefined, events: 0, snapshots: 0, lagging: [], closed };
            books.set(stream, walk);
          }
          if (kind.kind === 'events') {
            const closing = walk.closed.closingBefore(walk.state, event);
            headsChecked += verifyBookEvent(walk, event, checks);
            const problem = await walk.closed.after(event, walk.state.period, closing);
            if (problem !== undefined) throw new Problem(stream, problem.revision, problem.reason);
          } else await verifySnapshot(walk, event, checks);
        }
        after = event.position;
      }
      if (page.length < pageSize) break;
    }
    for (const walk of books.values()) checkTotals(walk);
    for (const walk of books.values()) {
      const problem = await walk.closed.finish(walk.revision ?? 0n);
      if (problem !== undefined) throw new Problem(walk.stream, problem.revision, problem.reason);
    }
    if (keyed) for (const walk of books.values()) if (walk.sealedFrom === undefined) throw unkeyedBook(walk);
    checkHeadsReached(books, checks.heads);
    await checkLaggingSnapshots(books, store, pageSize);
  } catch (error) {
    if (isEventStoreError(error, 'log_not_fully_visible')) {
      return { ok: false, eventsRead, books: summaries(books), tamperEvident: false, headsChecked, incomplete: error.message };
    }
    if (!(error instanceof Problem)) throw error;
    return report({ stream: error.stream, revision: error.revision, reason: error.reason });
  }
  return report();
};

const unkeyedBook = (walk: BookWalk): Problem =>
  new Problem(
    walk.stream,
    walk.revision ?? 0n,
    'the book is not sealed with a key: its chain is plain SHA-256, which anyone who can write the database can recompute',
  );

/** Every head must name a revision the walk reached (its hash was compared on the way). */
const checkHeadsReached = (books: ReadonlyMap<string, BookWalk>, heads: ReadonlyMap<string, ReadonlyMap<bigint, SignedBookHead>>): void => {
  for (const [stream, atStream] of heads) {
    const walk = books.get(stream);
    for (const revision of atStream.keys()) {
      if (walk === undefined || walk.revision === undefined) {
        throw new Problem(stream, revision, `a signed head says the book stood at revision ${revision}, but the log holds no such book (deleted?)`);
      }
      if (walk.revision < revision) {
        throw new Problem(stream, revision, `a signed head says the book stood at revision ${revision}, but its stream ends at ${walk.revision} (newest events deleted?)`);
      }
    }
  }
};

const summaries = (books: Map<string, BookWalk>): VerifiedBook[] =>
  [...books.values()].map((walk) => ({
    stream: walk.stream,
    events: walk.events,
    snapshots: walk.snapshots,
    accounts: walk.state.accounts.size,
    postings: walk.state.postings.size,
    keyed: walk.sealedFrom !== undefined,
    ...(walk.revision === undefined ? {} : { head: { revision: walk.revision, hash: walk.lastHash } }),
    ...(walk.sealedFrom === undefined || walk.sealedFrom === 0n ? {} : { unkeyedPrefix: unkeyedPrefixOf(walk, walk.sealedFrom) }),
  }));

const unkeyedPrefixOf = (walk: BookWalk, sealedFrom: bigint): NonNullable<VerifiedBook['unkeyedPrefix']> => {
  const lastRevision = sealedFrom - 1n;
  const vouchedBy = walk.adoptionRecorded ? 'adoption' : walk.unkeyedHeadAt === lastRevision ? 'signed head' : undefined;
  return { lastRevision, vouchedBy };
};

/** Checks one book event; returns how many signed heads it matched. */
const verifyBookEvent = (walk: BookWalk, event: RecordedEvent, checks: Checks): number => {
  const fail = (reason: string) => new Problem(event.streamName, event.revision, reason);
  const expected = walk.revision === undefined ? 0n : walk.revision + 1n;
  if (event.revision !== expected) throw fail(`revision ${event.revision} follows ${walk.revision ?? 'nothing'}: an event is missing`);
  const broken = nextLinkProblem(event, { revision: walk.revision, hash: walk.lastHash, sealedFrom: walk.sealedFrom }, checks.keys);
  if (broken !== undefined) throw fail(broken);
  if (walk.sealedFrom === undefined && event.metadata.sealKeyId !== undefined) {
    walk.sealedFrom = event.revision;
    walk.adoptionRecorded = event.metadata.adoptedHead !== undefined;
  }
  const head = checks.heads.get(walk.stream)?.get(event.revision);
  if (head !== undefined && head.hash !== event.metadata.hash) {
    throw fail(`the event does not match the signed head of ${head.at} (history rewritten)`);
  }
  if (head !== undefined && event.metadata.sealKeyId === undefined) walk.unkeyedHeadAt = event.revision;
  const decoded = decodeEvent<LedgerEvent>(ledgerEventSchemas, event);
  if (E.isLeft(decoded)) throw fail(decoded.left.message);
  const touched = touchedAccounts(decoded.right);
  try {
    evolveRecorded(walk.state, decoded.right, event.metadata);
  } catch (error) {
    throw fail(`replay failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const id of touched) {
    const account = walk.state.accounts.get(id);
    if (account === undefined) throw fail(`the event moves money on unknown account ${id}`);
    const broken = accountBreak(account);
    if (broken !== undefined) throw fail(`account ${id}: ${broken}`);
  }
  const unbalanced = unbalancedAsset(walk.state, decoded.right);
  if (unbalanced !== undefined) throw fail(`the batch does not balance for ${unbalanced}`);
  walk.revision = event.revision;
  walk.lastHash = event.metadata.hash!;
  walk.events++;
  return head === undefined ? 0 : 1;
};

const verifySnapshot = async (walk: BookWalk, event: RecordedEvent, checks: Checks): Promise<void> => {
  const fail = (reason: string) => new Problem(event.streamName, event.revision, reason);
  const decoded = decodeEvent(bookSnapshotSchemas, event);
  if (E.isLeft(decoded)) throw fail(decoded.left.message);
  walk.snapshots++;
  const covered = BigInt(decoded.right.data.revision);
  if (walk.revision === undefined || covered > walk.revision) {
    throw fail(`the snapshot covers revision ${covered}, which the log does not hold yet`);
  }
  await checkSnapshotBinding(walk, event, covered, checks);
  // Another writer may have appended between the covered event and the snapshot: compare in place
  // when the replay stands exactly where the snapshot does, else in a second pass (bound ones only:
  // Book.open never loads an unbound one).
  if (covered !== walk.revision) {
    if (event.metadata.previousHash !== undefined) walk.lagging.push({ snapshotRevision: event.revision, covered });
    return;
  }
  if (!snapshotMatches(decoded.right.data, walk.state)) throw fail(`the snapshot differs from the replayed state at revision ${covered}`);
};

/** The second pass over books with lagging snapshots; see `snapshotComparison.ts`. */
const checkLaggingSnapshots = async (books: ReadonlyMap<string, BookWalk>, store: EventStore, pageSize: number): Promise<void> => {
  for (const walk of books.values()) {
    if (walk.lagging.length === 0) continue;
    const snapshots = `${walk.stream}${SNAPSHOT_STREAM_SUFFIX}`;
    const mismatch = await firstLaggingMismatch(store, { events: walk.stream, snapshots }, walk.lagging, pageSize);
    if (mismatch !== undefined) {
      throw new Problem(snapshots, mismatch.snapshotRevision, `the snapshot differs from the replayed state at revision ${mismatch.covered}`);
    }
  }
};

/**
 * A bound snapshot (one written with `previousHash`) must hold its seal and name the hash of the
 * event it covers. Book.open never loads an unbound (legacy) snapshot, so it is only compared with
 * the replay where the replay stands at its revision.
 */
const checkSnapshotBinding = async (walk: BookWalk, event: RecordedEvent, covered: bigint, checks: Checks): Promise<void> => {
  const fail = (reason: string) => new Problem(event.streamName, event.revision, reason);
  const boundTo = event.metadata.previousHash;
  if (boundTo === undefined) return;
  const sealBroken = snapshotSealBreak(event, checks.keys);
  if (sealBroken !== undefined) throw fail(`snapshot seal broken: ${sealBroken}`);
  const coveredEvent = covered === walk.revision ? undefined : (await checks.store.readStream(walk.stream, { fromRevision: covered, maxCount: 1 }))[0];
  const coveredHash = covered === walk.revision ? walk.lastHash : coveredEvent?.revision === covered ? coveredEvent.metadata.hash : undefined;
  if (coveredHash !== boundTo) throw fail(`the snapshot is not bound to the event at revision ${covered}: the hashes differ`);
  // A keyed writer writes keyed snapshots: an unkeyed one written once the chain was keyed is forged.
  if (walk.sealedFrom !== undefined && event.metadata.sealKeyId === undefined) throw fail('an unkeyed snapshot of a chain sealed with a key (a downgrade)');
};

const touchedAccounts = (event: LedgerEvent): Set<string> => {
  const ids = new Set<string>();
  if (event.type !== 'TransfersCommitted') return ids;
  for (const posting of event.data.transfers) {
    if (posting.kind === 'journal') for (const leg of posting.legs) ids.add(leg.accountId);
    else {
      ids.add(posting.debitAccountId);
      ids.add(posting.creditAccountId);
    }
  }
  return ids;
};

/** Why an account's balances are impossible, or `undefined`. */
const accountBreak = (account: AccountState): string | undefined => {
  const { debitsPending, debitsPosted, creditsPending, creditsPosted, overdraftLimit, flags } = account;
  if (debitsPending < 0n || debitsPosted < 0n || creditsPending < 0n || creditsPosted < 0n) return 'a balance field went negative';
  if ((flags & AccountFlag.debits_must_not_exceed_credits) !== 0 && debitsPending + debitsPosted > creditsPosted + overdraftLimit) {
    return 'debits exceed credits plus the overdraft limit';
  }
  if ((flags & AccountFlag.credits_must_not_exceed_debits) !== 0 && creditsPending + creditsPosted > debitsPosted + overdraftLimit) {
    return 'credits exceed debits plus the overdraft limit';
  }
  return undefined;
};

/** The asset for which a batch's postings do not net to zero, if any. */
const unbalancedAsset = (state: BookState, event: LedgerEvent): string | undefined => {
  if (event.type !== 'TransfersCommitted') return undefined;
  const net = new Map<string, bigint>();
  for (const posting of event.data.transfers) {
    if (posting.kind !== 'journal') continue; // a two-leg record moves one amount both ways by construction
    const stored = state.postings.get(posting.id);
    if (stored?.kind !== 'journal') continue;
    for (const leg of stored.legs) {
      const account = state.accounts.get(leg.accountId)!;
      const asset = state.ledgers.get(account.ledger)?.asset.code ?? '?';
      net.set(asset, (net.get(asset) ?? 0n) + (leg.side === 'debit' ? leg.amount : -leg.amount));
    }
  }
  for (const [asset, value] of net) if (value !== 0n) return asset;
  return undefined;
};

/** Whole-book totals: posted and pending debits equal credits per asset. */
const checkTotals = (walk: BookWalk): void => {
  const totals = new Map<string, [bigint, bigint, bigint, bigint]>();
  for (const account of walk.state.accounts.values()) {
    const asset = walk.state.ledgers.get(account.ledger)?.asset.code ?? '?';
    const t = totals.get(asset) ?? [0n, 0n, 0n, 0n];
    totals.set(asset, [t[0] + account.debitsPosted, t[1] + account.creditsPosted, t[2] + account.debitsPending, t[3] + account.creditsPending]);
  }
  for (const [asset, [dP, cP, dp, cp]] of totals) {
    if (dP !== cP || dp !== cp) {
      throw new Problem(walk.stream, walk.revision ?? 0n, `debits and credits of ${asset} differ after replay`);
    }
  }
};
