/**
 * Request fingerprints: a command id names one request, and the fingerprint (SHA-256 of the
 * canonical text of the command type and its items) is what that request asked for. Every event
 * the book writes carries its request's fingerprint (`metadata.requestHash`), and the book state
 * keeps command id -> fingerprint (`BookState.commands`), rebuilt on replay and kept in snapshots.
 *
 * A command id sent again with the same body is decided again (its items answer `exists` or
 * `id_already_failed`, as any retry); with a different body it is rejected as a whole with
 * `command_id_reused`: a caller must never be told `ok` for a request the book did not store.
 * Command ids are exact forever: closing a period moves its bindings from `BookState.commands` to
 * the closed-posting index (periods/closedCommands.ts), and the book looks a command id up there
 * when the open period does not bind it. A request that wrote nothing binds no command id.
 */
import { bodyFingerprint } from '../codecs/bodyFingerprint.js';
export { canonicalRequestText } from '../codecs/bodyFingerprint.js';
import type { EventMetadata } from '../eventStore/envelope.js';
import { evolveBook, type BookState } from './bookState.js';
import type { LedgerEvent } from './events.js';
import { LedgerError } from './ledgerError.js';

/** The fingerprint of a request: lowercase hex SHA-256 of `{ type, items }` in canonical text. */
export const requestFingerprint = (type: string, items: unknown): string =>
  bodyFingerprint({ items, type });

/**
 * `command_id_reused` when `commandId` is bound to another request's fingerprint, in the open
 * period or (`closed`, what the index found for it) in a closed one; else `undefined`.
 */
export const commandIdReuse = (
  state: BookState,
  commandId: string,
  fingerprint: string,
  closed: ReadonlyMap<string, string> = NO_CLOSED_COMMANDS,
): LedgerError | undefined => {
  const known = state.commands.get(commandId) ?? closed.get(commandId);
  return known === undefined || known === fingerprint ? undefined : new LedgerError('command_id_reused', [], `command id ${commandId}`);
};

const NO_CLOSED_COMMANDS: ReadonlyMap<string, string> = new Map();

/** Binds the event's command id to its request fingerprint (events written before fingerprints bind nothing). */
export const rememberCommand = (state: BookState, metadata: EventMetadata): void => {
  if (metadata.commandId !== undefined && metadata.requestHash !== undefined) state.commands.set(metadata.commandId, metadata.requestHash);
};

/**
 * Applies a stored book event on replay: its effects (`evolveBook`) and the command id it binds
 * (from its metadata). Every replay path (Book.open and catch-up, verify, snapshot comparison) goes
 * through it, so a replayed state always equals the live writer's, command ids included.
 */
export const evolveRecorded = (state: BookState, event: LedgerEvent, metadata: EventMetadata): void => {
  evolveBook(state, event);
  rememberCommand(state, metadata);
};
