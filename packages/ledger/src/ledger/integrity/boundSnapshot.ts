/**
 * Loading a book's latest snapshot only when it is bound to the history: its seal holds (under the
 * given keys), and its `previousHash` equals the hash of the stored event at the revision it
 * covers, whose own seal holds too. A snapshot edited to claim another revision fails the seal (or,
 * unkeyed, the binding), so the events after it are never applied twice. A legacy snapshot
 * written before binding existed is not trusted: the book replays its stream from the start. A
 * keyed book does not trust an unkeyed snapshot either (anyone could have written it): one over a
 * keyed event is refused as a downgrade, one over an unkeyed event (from before the book had a key)
 * is skipped, and the stream replayed.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeEvent } from '../../commandHandling/eventSchemas.js';
import type { EventStore } from '../../eventStore/eventStore.js';
import type { BookState } from '../bookState.js';
import { chainBreak, GENESIS_HASH, snapshotSealBreak, type SealKeyRing } from '../hashChain.js';
import { bookSnapshotSchemas, restoreSnapshot } from '../snapshot.js';
import type { ChainPosition } from './chainCheck.js';
import { LedgerIntegrityError } from './ledgerIntegrityError.js';

/** A snapshot that passed its checks: the state, and where the chain stands after it. */
export interface BoundSnapshot {
  readonly state: BookState;
  readonly position: ChainPosition & { readonly revision: bigint };
}

/**
 * The book's latest snapshot, checked; `undefined` when there is none or it is a legacy unbound one.
 * @throws LedgerIntegrityError naming the snapshot (or covered event) and what does not hold.
 */
export const loadBoundSnapshot = async (
  store: EventStore,
  streams: { readonly events: string; readonly snapshots: string },
  keys: SealKeyRing,
  keyed: boolean,
): Promise<BoundSnapshot | undefined> => {
  const [latest] = await store.readStream(streams.snapshots, { direction: 'backwards', maxCount: 1 });
  if (latest === undefined) return undefined;
  const { previousHash: boundTo, hash } = latest.metadata;
  if (boundTo === undefined || hash === undefined) return undefined;
  const refuse = (reason: string, stream = latest.streamName, revision = latest.revision) => new LedgerIntegrityError(stream, revision, reason);
  const sealBroken = snapshotSealBreak(latest, keys);
  if (sealBroken !== undefined) throw refuse(`snapshot seal broken: ${sealBroken}`);
  const snapshot = decodeEvent(bookSnapshotSchemas, latest);
  if (E.isLeft(snapshot)) throw snapshot.left;
  const covered = BigInt(snapshot.right.data.revision);
  const [event] = await store.readStream(streams.events, { fromRevision: covered, maxCount: 1 });
  if (event === undefined || event.revision !== covered) {
    throw refuse(`the snapshot covers revision ${covered}, which the book stream does not hold (events deleted?)`);
  }
  if (event.metadata.hash !== boundTo) throw refuse(`the snapshot is not bound to the stored event at revision ${covered}: the hashes differ`);
  const eventBroken = chainBreak(event, event.metadata.previousHash ?? GENESIS_HASH, keys);
  if (eventBroken !== undefined) throw refuse(`hash chain broken: ${eventBroken}`, event.streamName, event.revision);
  if (latest.metadata.sealKeyId === undefined && event.metadata.sealKeyId !== undefined) {
    throw refuse(`an unkeyed snapshot of a chain sealed with key ${event.metadata.sealKeyId} (a downgrade)`);
  }
  if (keyed && latest.metadata.sealKeyId === undefined) return undefined;
  const { state, revision } = restoreSnapshot(snapshot.right.data);
  return { state, position: { revision, hash: boundTo, sealedFrom: event.metadata.sealKeyId === undefined ? undefined : revision } };
};
