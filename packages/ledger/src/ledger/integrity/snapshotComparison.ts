/**
 * Whether a stored snapshot says what replaying the log says, and the second pass verify makes for
 * snapshots written after other events had already followed the one they cover ("lagging"): the
 * walk has moved past their revision, so the book stream is replayed once more up to each of them.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeEvent } from '../../commandHandling/eventSchemas.js';
import type { EventStore } from '../../eventStore/eventStore.js';
import { initialBookState, type BookState } from '../bookState.js';
import { evolveRecorded } from '../requestFingerprint.js';
import { ledgerEventSchemas, type LedgerEvent } from '../events.js';
import { canonicalJson } from '../hashChain.js';
import { bookSnapshotSchemas, snapshotOf, type BookSnapshotData } from '../snapshot.js';

/** Order-insensitive form of a snapshot (maps serialize in insertion order, which may differ). */
const normalize = (snapshot: Omit<BookSnapshotData, 'revision'>) => {
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

/** True when `claimed` equals the snapshot of `state` (the replay at the revision it covers). */
export const snapshotMatches = (claimed: BookSnapshotData, state: BookState): boolean => {
  const { revision: _r, ...rest } = claimed;
  const { revision: _s, ...replayed } = snapshotOf(state, BigInt(claimed.revision));
  return canonicalJson(normalize(rest)) === canonicalJson(normalize(replayed));
};

/** A snapshot the walk could not compare in place: its revision in the snapshot stream, and the revision it covers. */
export interface LaggingSnapshot {
  readonly snapshotRevision: bigint;
  readonly covered: bigint;
}

/**
 * Replays `streams.events` once from the start and compares every lagging snapshot with the state
 * at the revision it covers. Returns the first that differs, or `undefined`. The events were
 * already verified by the walk; a snapshot that no longer decodes counts as differing.
 */
export const firstLaggingMismatch = async (
  store: EventStore,
  streams: { readonly events: string; readonly snapshots: string },
  lagging: readonly LaggingSnapshot[],
  pageSize: number,
): Promise<LaggingSnapshot | undefined> => {
  const pending = [...lagging].sort((a, b) => (a.covered < b.covered ? -1 : a.covered > b.covered ? 1 : 0));
  const state = initialBookState();
  let next = 0;
  let from = 0n;
  while (next < pending.length) {
    const page = await store.readStream(streams.events, { fromRevision: from, maxCount: pageSize });
    for (const event of page) {
      const decoded = decodeEvent<LedgerEvent>(ledgerEventSchemas, event);
      if (E.isLeft(decoded)) return pending[next];
      evolveRecorded(state, decoded.right, event.metadata);
      while (next < pending.length && pending[next]!.covered === event.revision) {
        const snapshot = pending[next]!;
        const [stored] = await store.readStream(streams.snapshots, { fromRevision: snapshot.snapshotRevision, maxCount: 1 });
        const claimed = stored === undefined ? undefined : decodeEvent(bookSnapshotSchemas, stored);
        if (claimed === undefined || E.isLeft(claimed) || !snapshotMatches(claimed.right.data, state)) return snapshot;
        next++;
      }
      from = event.revision + 1n;
    }
    if (page.length < pageSize) return pending[next];
  }
  return undefined;
};
