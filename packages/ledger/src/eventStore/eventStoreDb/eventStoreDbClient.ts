/**
 * The values this adapter uses from `@eventstore/db-client`, loaded through `requireDriver` so
 * that importing `@ecoledger/ledger/eventstoredb` without the client names the package to
 * install. Types still come from the client's own declarations (`import type`).
 */
import type * as Client from '@eventstore/db-client';
import { requireDriver } from '../../drivers/index.js';

const client = requireDriver<typeof Client>('@eventstore/db-client');

export const ANY: typeof Client.ANY = client.ANY;
export const BACKWARDS: typeof Client.BACKWARDS = client.BACKWARDS;
export const END: typeof Client.END = client.END;
export const FORWARDS: typeof Client.FORWARDS = client.FORWARDS;
export const NO_STREAM: typeof Client.NO_STREAM = client.NO_STREAM;
export const START: typeof Client.START = client.START;
export const STREAM_EXISTS: typeof Client.STREAM_EXISTS = client.STREAM_EXISTS;
export const excludeSystemEvents: typeof Client.excludeSystemEvents = client.excludeSystemEvents;
export const streamNameFilter: typeof Client.streamNameFilter = client.streamNameFilter;
export const EventStoreDBClient: typeof Client.EventStoreDBClient = client.EventStoreDBClient;
export type EventStoreDBClient = Client.EventStoreDBClient;
export const ErrorType: typeof Client.ErrorType = client.ErrorType;
