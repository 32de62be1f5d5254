/**
 * Adopting an unkeyed history under a seal key (migrating a book written before it had a key). An
 * unkeyed chain is plain SHA-256, which a database writer can recompute, so the book cannot tell a
 * genuine legacy history from a rewritten one by looking at it. Adoption is therefore bound to the
 * head of that history taken out of band (from the legacy system, from `verify` before keying, or
 * from a signed head): the unkeyed events must end exactly there, with that hash. The first keyed
 * event then seals both the link to that hash and a record of the head (`metadata.adoptedHead`).
 */
import type { AdoptedHeadRecord, EventEnvelope, RecordedEvent } from '../../eventStore/envelope.js';
import type { EventStore } from '../../eventStore/eventStore.js';
import { InvalidArgumentError } from '../../eventStore/errors.js';
import { chainBreak, GENESIS_HASH, type SealKeyRing } from '../hashChain.js';
import { LedgerIntegrityError } from './ledgerIntegrityError.js';

/** The head of the unkeyed history to adopt: its last revision and that event's `metadata.hash`. */
export interface AdoptedHead {
  /** A bigint, or a decimal string (as in a signed head or a verify report printed as JSON). */
  readonly revision: bigint | string;
  readonly hash: string;
}

/** A validated {@link AdoptedHead}. */
export interface CheckedAdoptedHead {
  readonly revision: bigint;
  readonly hash: string;
}

const PATH = '$.seal.adoptUnkeyedHistory';
const HEX64 = /^[0-9a-f]{64}$/;
const DECIMAL = /^(0|[1-9][0-9]{0,19})$/;
const MAX_REVISION = 2n ** 64n - 1n;

/** Validates `seal.adoptUnkeyedHistory`. @throws InvalidArgumentError, also for the former boolean form. */
export const adoptedHeadOf = (value: unknown): CheckedAdoptedHead | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(
      PATH,
      'expected the head of the unkeyed history to adopt, { revision, hash }: its last revision and that event\'s hash, taken before keying ' +
        '(from `ecoledger verify`, the legacy system, or a signed head). Adoption without naming the head is not supported: ' +
        'a database writer could have rewritten the unkeyed history whole',
    );
  }
  const { revision, hash } = value as Partial<AdoptedHead>;
  const parsed = typeof revision === 'bigint' ? revision : typeof revision === 'string' && DECIMAL.test(revision) ? BigInt(revision) : undefined;
  if (parsed === undefined || parsed < 0n || parsed > MAX_REVISION) throw new InvalidArgumentError(`${PATH}.revision`, 'expected a revision >= 0 (a bigint or a decimal string)');
  if (typeof hash !== 'string' || !HEX64.test(hash)) throw new InvalidArgumentError(`${PATH}.hash`, 'expected a 64-digit lowercase hex hash');
  return { revision: parsed, hash };
};

/**
 * Before anything is replayed: the stream holds the adopted head, unkeyed, with its hash (and its
 * own seal holds), and the event after it, if any, is keyed. @throws LedgerIntegrityError otherwise.
 */
export const assertAdoptedHeadStored = async (store: EventStore, stream: string, head: CheckedAdoptedHead, keys: SealKeyRing): Promise<void> => {
  const [atHead, next] = await store.readStream(stream, { fromRevision: head.revision, maxCount: 2 });
  const refuse = (revision: bigint, reason: string) => new LedgerIntegrityError(stream, revision, reason);
  if (atHead === undefined || atHead.revision !== head.revision) {
    throw refuse(head.revision, `the adopted head is at revision ${head.revision}, which the stream does not hold (events deleted, or another book?)`);
  }
  if (atHead.metadata.sealKeyId !== undefined) {
    throw refuse(head.revision, `the event at the adopted head is sealed with key ${atHead.metadata.sealKeyId}: the adopted head must be the last unkeyed event`);
  }
  if (atHead.metadata.hash !== head.hash) {
    throw refuse(head.revision, `the event at the adopted head has hash ${String(atHead.metadata.hash)}, not the adopted ${head.hash}: the unkeyed history is not the one named`);
  }
  const broken = chainBreak(atHead, atHead.metadata.previousHash ?? GENESIS_HASH, keys);
  if (broken !== undefined) throw refuse(head.revision, `hash chain broken: ${broken}`);
  if (next !== undefined && next.metadata.sealKeyId === undefined) throw unkeyedAfterHead(stream, next.revision, head);
};

/** An unkeyed event after the adopted head: the unkeyed history does not end where it was named. */
export const unkeyedAfterHead = (stream: string, revision: bigint, head: CheckedAdoptedHead): LedgerIntegrityError =>
  new LedgerIntegrityError(stream, revision, `an unkeyed event after the adopted head at revision ${head.revision}: the unkeyed history must end there`);

/** The record the first keyed event carries, for the head at (`revision`, `hash`). */
export const adoptionRecordOf = (head: CheckedAdoptedHead): AdoptedHeadRecord => ({ hash: head.hash, revision: head.revision.toString() });

/** `events` with the adoption record added to the first one's metadata. */
export const withAdoptionRecord = (events: readonly EventEnvelope[], head: CheckedAdoptedHead): EventEnvelope[] =>
  events.map((event, i) => (i === 0 ? { ...event, metadata: { ...event.metadata, adoptedHead: adoptionRecordOf(head) } } : event));

/**
 * Why an event's adoption record is unsound, or `undefined` (also when it carries none). A record
 * belongs only on the first keyed event after an unkeyed prefix, and names that prefix's last
 * revision and hash (`position`).
 */
export const adoptionRecordProblem = (
  event: RecordedEvent,
  position: { readonly revision: bigint | undefined; readonly hash: string; readonly sealedFrom: bigint | undefined },
): string | undefined => {
  const record = event.metadata.adoptedHead;
  if (record === undefined) return undefined;
  // The first keyed event: sealing has not started, or starts at this very event (an adopting
  // book expects keys from the revision after the head before any keyed event exists).
  const first = position.sealedFrom === undefined || position.sealedFrom === event.revision;
  if (event.metadata.sealKeyId === undefined || !first || position.revision === undefined) {
    return 'an adoption record on an event that is not the first keyed event after an unkeyed history';
  }
  if (record.revision !== position.revision.toString() || record.hash !== position.hash) {
    return `the adoption record names revision ${record.revision} with hash ${record.hash}, but the event follows revision ${position.revision} with hash ${position.hash}`;
  }
  return undefined;
};
