/** Heap measurement helpers shared by the suites that measure memory: forced GC and a store that keeps nothing. */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { EventStore } from '@ecoledger/ledger';

/** Forces a full garbage collection (for heap measurements). */
export const collect = (): (() => void) => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
};

/** Heap in use after two full collections. */
export const heapAfterGc = (gc: () => void): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

/** A store that keeps nothing: heap differences are the book's own state, not the log's copy of it. */
export const discardingStore = (): EventStore => {
  let position = 0n;
  const revisions = new Map<string, bigint>();
  return {
    append: async (stream, events) => {
      const revision = (revisions.get(stream) ?? -1n) + BigInt(events.length);
      revisions.set(stream, revision);
      position += BigInt(events.length);
      return { nextExpectedRevision: revision, position };
    },
    atomicMultiStreamAppend: true,
    appendMany: async (appends) => {
      const streams = appends.map(({ stream, events }) => {
        const revision = (revisions.get(stream) ?? -1n) + BigInt(events.length);
        revisions.set(stream, revision);
        position += BigInt(events.length);
        return { stream, nextExpectedRevision: revision, position };
      });
      return { streams, position };
    },
    readStream: async () => [],
    streamRevision: async (stream) => revisions.get(stream) ?? 'no_stream',
    readAll: async () => [],
    subscribe: () => {
      throw new Error('not used');
    },
    close: async () => {},
  };
};
