/**
 * `EventStoreDbDouble`: an in-process gRPC **test double** of an EventStoreDB server, for running
 * the EventStoreDB adapter (and its contract suite) where no server can run, as in CI.
 *
 * It is served with `@grpc/grpc-js` from the client's own generated service definitions and
 * implements only what the adapter uses: server features, batch appends (expected revisions, the
 * server's idempotency rules, wrong-expected-version and maximum-append-size failures), stream
 * reads, `$all` reads and filtered catch-up subscriptions to `$all`, in memory (see the log and
 * RPC modules for the exact rules and what is left out). It is a model of the server, not the
 * server: what the contract is ultimately about is a real EventStoreDB, which the suite runs
 * against when `ECOLEDGER_ESDB_URL` is set.
 */
import { Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb.js';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb.js';
import { createBatchAppendHandler } from './eventStoreDbDoubleAppends.js';
import { createEventStoreDbDoubleLog, type EventStoreDbDoubleLog } from './eventStoreDbDoubleLog.js';
import { createReadHandler } from './eventStoreDbDoubleReads.js';

/** Options of {@link startEventStoreDbDouble}. */
export interface EventStoreDbDoubleOptions {
  /**
   * Largest append in bytes (default 8 MiB, as the documented `docker run` for the real-server
   * contract sets it; the server's own default, 1 MiB, is too small for the contract's
   * 10,000-event batch).
   */
  readonly maxAppendSize?: number;
}

/** A running double. */
export interface EventStoreDbDouble {
  /** Insecure connection string of the double, `esdb://127.0.0.1:PORT?tls=false`. */
  readonly connectionString: string;
  /** The double's log, for tests that inspect or seed it directly. */
  readonly log: EventStoreDbDoubleLog;
  /** Shuts the server down, cutting open connections. */
  readonly stop: () => Promise<void>;
}

/** Default largest append of the double, in bytes. */
export const defaultDoubleMaxAppendSize = 8 * 1024 * 1024;

const supportedMethods = (): SupportedMethods => {
  const streams = 'event_store.client.streams.Streams';
  const methods = [
    new serverFeaturesPb.SupportedMethod().setServiceName(streams).setMethodName('Read'),
    new serverFeaturesPb.SupportedMethod().setServiceName(streams).setMethodName('BatchAppend'),
  ];
  return new serverFeaturesPb.SupportedMethods().setMethodsList(methods).setEventStoreServerVersion('24.10.0-ecoledger-double');
};

/** Starts a double on 127.0.0.1 at a free port, with a fresh log. */
export const startEventStoreDbDouble = async (options: EventStoreDbDoubleOptions = {}): Promise<EventStoreDbDouble> => {
  const log = createEventStoreDbDoubleLog();
  const server = new Server();
  server.addService(StreamsService, {
    read: createReadHandler(log),
    batchAppend: createBatchAppendHandler(log, options.maxAppendSize ?? defaultDoubleMaxAppendSize),
  });
  server.addService(ServerFeaturesService, {
    getSupportedMethods: (_call: ServerUnaryCall<unknown, SupportedMethods>, callback: sendUnaryData<SupportedMethods>) =>
      callback(null, supportedMethods()),
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error === null ? resolve(bound) : reject(error)));
  });
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    log,
    stop: async () => {
      server.forceShutdown();
    },
  };
};
