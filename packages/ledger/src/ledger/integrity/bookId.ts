/**
 * Book ids. A book lives in the streams `ledger-book-<id>` and `ledger-book-<id>.snapshots`, and
 * verify finds books by that prefix, so an id must be non-empty, printable, and unable to name
 * another book's stream: a safe charset without `.` (so `x.snapshots` cannot be an id).
 */
import { InvalidArgumentError } from '../../eventStore/errors.js';
import { MAX_BOOK_ID_LENGTH } from '../../limits.js';

/** Prefix of every book stream. */
export const BOOK_STREAM_PREFIX = 'ledger-book-';

/** Suffix of a book's snapshot stream. */
export const SNAPSHOT_STREAM_SUFFIX = '.snapshots';

/** Longest book id. */
export { MAX_BOOK_ID_LENGTH };

/** Letters, digits, `_` and `-`, starting with a letter or digit. */
const BOOK_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Why `id` is not a valid book id, or `undefined` when it is. */
export const bookIdProblem = (id: unknown): string | undefined => {
  if (typeof id !== 'string') return `expected a string, got ${typeof id}`;
  if (id.length === 0) return 'expected a non-empty book id';
  if (id.length > MAX_BOOK_ID_LENGTH) return `expected at most ${MAX_BOOK_ID_LENGTH} characters, got ${id.length}`;
  if (!BOOK_ID.test(id)) return `expected letters, digits, "_" and "-" only, starting with a letter or digit, got ${JSON.stringify(id)}`;
  return undefined;
};

/** Returns `id` when it is a valid book id; throws `InvalidArgumentError` at `$.bookId` otherwise. */
export const assertBookId = (id: unknown): string => {
  const problem = bookIdProblem(id);
  if (problem !== undefined) throw new InvalidArgumentError('$.bookId', problem);
  return id as string;
};

/** What a stream name is to the ledger: a book's events, a book's snapshots, or not a book stream. */
export type BookStreamKind =
  | { readonly kind: 'events' | 'snapshots'; readonly bookId: string }
  | { readonly kind: 'invalid'; readonly problem: string }
  | { readonly kind: 'other' };

/**
 * Classifies a stream by the book prefix. Any stream under the prefix is a book stream; one whose
 * id is not a valid book id is `invalid` (verify reports it rather than skip it).
 */
export const classifyBookStream = (stream: string): BookStreamKind => {
  if (!stream.startsWith(BOOK_STREAM_PREFIX)) return { kind: 'other' };
  const rest = stream.slice(BOOK_STREAM_PREFIX.length);
  const isSnapshots = rest.endsWith(SNAPSHOT_STREAM_SUFFIX);
  const bookId = isSnapshots ? rest.slice(0, -SNAPSHOT_STREAM_SUFFIX.length) : rest;
  const problem = bookIdProblem(bookId);
  if (problem !== undefined) return { kind: 'invalid', problem: `stream ${JSON.stringify(stream)} is under the ledger book prefix but its book id is invalid: ${problem}` };
  return { kind: isSnapshots ? 'snapshots' : 'events', bookId };
};
