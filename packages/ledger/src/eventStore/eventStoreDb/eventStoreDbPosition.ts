/**
 * Our one-bigint global positions and EventStoreDB `$all` positions `{ commit, prepare }`.
 *
 * The mapping: `position = commit position`, and the EventStoreDB position of one of our
 * positions is `{ commit: position, prepare: position }`. This is exact for every event the
 * server writes today: since v20 each appended event is its own implicitly committed prepare
 * record, so `$all` reads, subscriptions and (since 22.10) stream reads report
 * `commit = prepare = the record's log position`, distinct and strictly increasing even inside one
 * multi-event append; an append answers with the position of its last event. Events from legacy
 * explicit transactions (written by pre-20 servers or the retired TCP API) share a commit position;
 * they cannot be given one bigint and are refused as decode errors.
 */
import type { Position, ReadPosition } from '@eventstore/db-client';
import { START } from './eventStoreDbClient.js';
import { InvalidArgumentError } from '../errors.js';

/** Largest value of an EventStoreDB (unsigned 64-bit) position; the server uses it for "no position". */
export const eventStoreDbNoPosition = 18_446_744_073_709_551_615n;

/** True when `position` is one of ours: `commit = prepare`, a real log position (not the "no position" marker). */
export const isRepresentablePosition = (position: Position | undefined): boolean =>
  position !== undefined &&
  position.commit === position.prepare &&
  position.commit >= 0n &&
  position.commit < eventStoreDbNoPosition;

/** The EventStoreDB `$all` position of one of our global positions. */
export const toEventStoreDbPosition = (position: bigint): Position => {
  if (typeof position !== 'bigint' || position < 0n || position >= eventStoreDbNoPosition) {
    throw new InvalidArgumentError('$.position', `expected a bigint in [0n, 2^64 - 1), got ${String(position)}`);
  }
  return { commit: position, prepare: position };
};

/**
 * Our global position of an EventStoreDB position. Throws {@link InvalidArgumentError} when it has
 * no one-bigint equivalent (commit ≠ prepare: a legacy explicit transaction; or the "no position" marker).
 */
export const fromEventStoreDbPosition = (position: Position): bigint => {
  if (typeof position !== 'object' || position === null || !isRepresentablePosition(position)) {
    throw new InvalidArgumentError(
      '$.position',
      `expected commit = prepare below 2^64 - 1, got commit ${String(position?.commit)}, prepare ${String(position?.prepare)}`,
    );
  }
  return position.commit;
};

/**
 * Where a client `readAll` / `subscribeToAll` starts for one of our exclusive checkpoints:
 * `'start'` (or `0n`: no event sits at or before it) is `START`, anything else its `$all` position.
 * Subscriptions started there are exclusive on the server, as our checkpoints are; reads are
 * inclusive, so a read from it returns the checkpoint's own event first.
 */
export const checkpointToReadPosition = (after: bigint | 'start'): ReadPosition =>
  after === 'start' || after === 0n ? START : toEventStoreDbPosition(after);
