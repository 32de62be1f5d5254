/**
 * Heads of many streams at once (the optional `EventStore.streamRevisions`): a close of business
 * that keeps contract states between runs asks which of a chunk's 1,000 contracts moved since,
 * in one statement instead of one read per contract.
 */
import { MAX_APPEND_MANY_STREAMS } from '../limits.js';
import { describeValue } from '../codecs/formatValidationErrors.js';
import type { ActualRevision, EventStore } from './eventStore.js';
import { InvalidArgumentError } from './errors.js';
import { validateStreamName } from './storeArguments.js';

/** Checks the argument of `streamRevisions`: an array of at most MAX_APPEND_MANY_STREAMS valid names (repeats allowed). */
export const validateStreamNames = (streams: unknown): readonly string[] => {
  if (!Array.isArray(streams)) throw new InvalidArgumentError('$.streams', `expected an array of stream names, got ${describeValue(streams)}`);
  if (streams.length > MAX_APPEND_MANY_STREAMS) throw new InvalidArgumentError('$.streams', `at most ${MAX_APPEND_MANY_STREAMS} streams, got ${streams.length}`);
  for (const stream of streams) validateStreamName(stream);
  return streams as readonly string[];
};

/**
 * The revision of each stream's last event (`'no_stream'` for none), in input order: the store's
 * batched `streamRevisions` when it has one, otherwise one `streamRevision` per stream.
 */
export const streamRevisionsOf = async (store: EventStore, streams: readonly string[]): Promise<ActualRevision[]> => {
  if (store.streamRevisions !== undefined) return store.streamRevisions(streams);
  const names = validateStreamNames(streams);
  const revisions: ActualRevision[] = [];
  for (const stream of names) revisions.push(await store.streamRevision(stream));
  return revisions;
};
