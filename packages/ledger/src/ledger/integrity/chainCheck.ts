/**
 * What `Book.open` and every catch-up check before applying stored history: each event is the next
 * revision (no gap), links to the hash before it, and its seal holds (under the given keys); once a
 * chain is sealed with a key, an unkeyed event after it is a downgrade and is refused. An adoption
 * record (`metadata.adoptedHead`) must sit on the first keyed event and name the hash before it.
 */
import type { RecordedEvent } from '../../eventStore/envelope.js';
import { chainBreak, type SealKeyRing } from '../hashChain.js';
import { LedgerIntegrityError } from './ledgerIntegrityError.js';
import { adoptionRecordProblem } from './unkeyedAdoption.js';

/** Where a chain stands: its last revision and hash, and the first revision known to be keyed. */
export interface ChainPosition {
  readonly revision: bigint | undefined;
  readonly hash: string;
  /** From this revision on every event must be sealed with a key; `undefined` while unkeyed. */
  readonly sealedFrom: bigint | undefined;
}

/** Why `event` cannot follow `position`, or `undefined` when it is the next sound link. */
export const nextLinkProblem = (event: RecordedEvent, position: ChainPosition, keys: SealKeyRing): string | undefined => {
  const expected = position.revision === undefined ? 0n : position.revision + 1n;
  if (event.revision !== expected) return `revision ${event.revision} where ${expected} was expected: events are missing`;
  if (position.sealedFrom !== undefined && event.metadata.sealKeyId === undefined) {
    return `an unkeyed event after a chain sealed with a key from revision ${position.sealedFrom} (a downgrade)`;
  }
  const broken = chainBreak(event, position.hash, keys);
  if (broken !== undefined) return `hash chain broken: ${broken}`;
  return adoptionRecordProblem(event, position);
};

/** Throws {@link LedgerIntegrityError} unless `event` is the next sound link after `position`. */
export const assertNextLink = (event: RecordedEvent, position: ChainPosition, keys: SealKeyRing): void => {
  const problem = nextLinkProblem(event, position, keys);
  if (problem !== undefined) throw new LedgerIntegrityError(event.streamName, event.revision, problem);
};
