/**
 * After an append whose outcome is unknown (anything but a wrong-expected-version conflict: a
 * connection lost after the commit, a timeout), the book re-reads the stream: the call succeeds
 * only when the store holds, at the revisions it appended to, exactly the events it sealed.
 */
import type { EventEnvelope, RecordedEvent } from '../eventStore/envelope.js';

/**
 * True when `stored` (read from the first revision of the append) begins with exactly `sealed`:
 * same ids and the same chain hash, which covers stream, revision, type, version, data and metadata.
 */
export const isExactlyAppended = (stored: readonly RecordedEvent[], sealed: readonly EventEnvelope[]): boolean =>
  stored.length >= sealed.length &&
  sealed.every((event, i) => stored[i]!.id === event.id && event.metadata.hash !== undefined && stored[i]!.metadata.hash === event.metadata.hash);
