/**
 * `verifyLedgerStore`: walks a store's whole log and checks every ledger book in it: each book
 * stream's hash chain (nothing edited, dropped, reordered or inserted), that every event decodes
 * against its schema, that replaying it keeps the double-entry invariants after every event (each
 * batch balances per asset, guarded accounts stay within their guard, no balance field goes
 * negative), and that every snapshot equals the replayed state at the revision it claims.
 * It stops at the first problem and names its stream and revision.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeEvent } from '../commandHandling/eventSchemas.js';
import type { RecordedEvent } from '../eventStore/envelope.js';
import type { EventStore } from '../eventStore/eventStore.js';
import { evolveBook, initialBookState, type AccountState, type BookState } from './bookState.js';
import { ledgerEventSchemas, type LedgerEvent } from './events.js';
import { AccountFlag } from './flags.js';
import { chainBreak, GENESIS_HASH } from './hashChain.js';
import { canonicalJson } from './hashChain.js';
import { rememberCommand } from './requestFingerprint.js';
import { bookSnapshotSchemas, snapshotOf } from './snapshot.js';

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
}

/** What {@link verifyLedgerStore} found. */
export interface VerifyReport {
  readonly ok: boolean;
  /** Events read from the log, ledger or not. */
  readonly eventsRead: number;
  readonly books: readonly VerifiedBook[];
  /** The first problem, when `ok` is false. */
  readonly problem?: VerifyProblem;
}

const BOOK_STREAM = /^ledger-book-(.+?)(\.snapshots)?$/;

interface BookWalk {
  readonly stream: string;
  state: BookState;
  revision: bigint | undefined;
  lastHash: string;
  events: number;
  snapshots: number;
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

/** Verifies every ledger book in the store; see the module comment. */
export const verifyLedgerStore = async (store: EventStore, options: { pageSize?: number } = {}): Promise<VerifyReport> => {
  const pageSize = options.pageSize ?? 1_000;
  const books = new Map<string, BookWalk>();
  let eventsRead = 0;
  let after: bigint | 'start' = 'start';
  try {
    for (;;) {
      const page: RecordedEvent[] = await store.readAll({ after, maxCount: pageSize });
      for (const event of page) {
        eventsRead++;
        const match = BOOK_STREAM.exec(event.streamName);
        if (match !== null) {
          const stream = `ledger-book-${match[1]}`;
          let walk = books.get(stream);
          if (walk === undefined) {
            walk = { stream, state: initialBookState(), revision: undefined, lastHash: GENESIS_HASH, events: 0, snapshots: 0 };
            books.set(stream, walk);
          }
          if (match[2] === undefined) verifyBookEvent(walk, event);
          else verifySnapshot(walk, event);
        }
        after = event.position;
      }
      if (page.length < pageSize) break;
    }
    for (const walk of books.values()) checkTotals(walk);
  } catch (error) {
    if (!(error instanceof Problem)) throw error;
    return { ok: false, eventsRead, books: summaries(books), problem: { stream: error.stream, revision: error.revision, reason: error.reason } };
  }
  return { ok: true, eventsRead, books: summaries(books) };
};

const summaries = (books: Map<string, BookWalk>): VerifiedBook[] =>
  [...books.values()].map((walk) => ({
    stream: walk.stream,
    events: walk.events,
    snapshots: walk.snapshots,
    accounts: walk.state.accounts.size,
    postings: walk.state.postings.size,
  }));

const verifyBookEvent = (walk: BookWalk, event: RecordedEvent): void => {
  const fail = (reason: string) => new Problem(event.streamName, event.revision, reason);
  const expected = walk.revision === undefined ? 0n : walk.revision + 1n;
  if (event.revision !== expected) throw fail(`revision ${event.revision} follows ${walk.revision ?? 'nothing'}: an event is missing`);
  const broken = chainBreak(event, walk.lastHash);
  if (broken !== undefined) throw fail(`hash chain broken: ${broken}`);
  const decoded = decodeEvent<LedgerEvent>(ledgerEventSchemas, event);
  if (E.isLeft(decoded)) throw fail(decoded.left.message);
  const touched = touchedAccounts(decoded.right);
  try {
    evolveBook(walk.state, decoded.right);
    rememberCommand(walk.state, event.metadata);
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
};

const verifySnapshot = (walk: BookWalk, event: RecordedEvent): void => {
  const decoded = decodeEvent(bookSnapshotSchemas, event);
  if (E.isLeft(decoded)) throw new Problem(event.streamName, event.revision, decoded.left.message);
  walk.snapshots++;
  const covered = BigInt(decoded.right.data.revision);
  if (walk.revision === undefined || covered > walk.revision) {
    throw new Problem(event.streamName, event.revision, `the snapshot covers revision ${covered}, which the log does not hold yet`);
  }
  // Another writer may have appended between the covered event and the snapshot: compare only when
  // the replay stands exactly where the snapshot does.
  if (covered !== walk.revision) return;
  const { revision: _r, ...claimed } = decoded.right.data;
  const { revision: _s, ...replayed } = snapshotOf(walk.state, covered);
  if (canonicalJson(normalize(claimed)) !== canonicalJson(normalize(replayed))) {
    throw new Problem(event.streamName, event.revision, `the snapshot differs from the replayed state at revision ${covered}`);
  }
};

/** Order-insensitive form of a snapshot (maps serialize in insertion order, which may differ). */
const normalize = (snapshot: Omit<ReturnType<typeof snapshotOf>, 'revision'>) => {
  const byId = <T>(items: readonly T[], key: (item: T) => string) => [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return {
    ...snapshot,
    ledgers: byId(snapshot.ledgers, (l) => l.id),
    accounts: byId(snapshot.accounts, (a) => a.record.id),
    postings: byId(snapshot.postings, (p) => p.id),
    pending: byId(snapshot.pending, (p) => p.id),
    reversed: byId(snapshot.reversed, (r) => r.id),
    failed: byId(snapshot.failed, (f) => f.id),
    commands: byId(snapshot.commands ?? [], (c) => c.id),
  };
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
