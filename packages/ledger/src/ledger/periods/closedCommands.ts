/**
 * Command ids of closed periods. A command id names one request forever (see
 * requestFingerprint.ts): when a period closes, its command id -> fingerprint bindings move from
 * `BookState.commands` to the closed-posting index, with the postings, in the same write; the
 * book looks up a request's command id there when the open period does not hold it.
 */
import type { BookState } from '../bookState.js';

/** Command id -> request fingerprint pairs of one period. */
export type ClosedCommands = readonly (readonly [commandId: string, fingerprint: string])[];

/** The command ids bound in the open period of `state`, with their fingerprints. */
export const closedCommandsOf = (state: BookState): ClosedCommands => [...state.commands];

/** Those of `commandIds` that the open period of `state` does not bind (what to look up), without repeats. */
export const commandIdsToLookUp = (state: BookState, commandIds: readonly string[]): string[] =>
  state.period === 0 ? [] : [...new Set(commandIds.filter((commandId) => !state.commands.has(commandId)))];

/**
 * The command part of the in-memory index: per book, command id -> the earliest period that bound
 * it and its fingerprint (so writing periods again, in any order, converges).
 */
export const createInMemoryClosedCommands = () => {
  const books = new Map<string, Map<string, { period: number; fingerprint: string }>>();
  return {
    write: (bookId: string, period: number, commands: ClosedCommands): void => {
      let book = books.get(bookId);
      if (book === undefined) {
        book = new Map();
        books.set(bookId, book);
      }
      for (const [commandId, fingerprint] of commands) {
        const known = book.get(commandId);
        if (known === undefined || period < known.period) book.set(commandId, { period, fingerprint });
      }
    },
    lookup: (bookId: string, commandIds: readonly string[]): ReadonlyMap<string, string> => {
      const found = new Map<string, string>();
      const book = books.get(bookId);
      if (book === undefined) return found;
      for (const commandId of commandIds) {
        const known = book.get(commandId);
        if (known !== undefined) found.set(commandId, known.fingerprint);
      }
      return found;
    },
  };
};
