/**
 * The one place that decides which failures are the user's to fix (exit 2, one line, no stack
 * trace) and words them. Driver errors are recognised by their documented codes, never by loading
 * the driver: the CLI must not pull in `pg`, `better-sqlite3` or the gRPC client to explain that
 * one of them could not connect.
 *
 * Anything not listed here is a bug or an outage the user cannot fix from the command line; it
 * keeps its stack trace (see bin.ts).
 */
import { dirname } from 'node:path';
import { isDriverNotInstalled, isEventStoreError, isInvalidArgument, parseStoreUrl } from '@ecoledger/ledger';
import { KeyFileError } from './keyFile.js';
import { StoreUrlError } from './storeUrl.js';
import { UsageError } from './usageError.js';

/** Socket and name-lookup failures: the server named by the URL cannot be reached. */
const networkReasons: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** PostgreSQL SQLSTATEs (and classes) that mean: this login, database or server is not usable. */
const postgresReasons: Readonly<Record<string, string>> = {
  '28000': 'PostgreSQL refused the login',
  '28P01': 'PostgreSQL refused the login',
  '3D000': 'no such PostgreSQL database',
  '3F000': 'no such PostgreSQL schema',
  '42501': 'PostgreSQL denied permission',
  '53300': 'PostgreSQL has no free connection',
  '57P03': 'PostgreSQL is not accepting connections yet',
  '08': 'cannot connect to PostgreSQL',
};

/** SQLite result codes (better-sqlite3's `SqliteError.code`) that mean: this file is not usable. */
const sqliteReasons: Readonly<Record<string, string>> = {
  SQLITE_NOTADB: 'is not a SQLite database',
  SQLITE_CANTOPEN: 'cannot be opened: its directory is not writable, or the path is a directory',
  SQLITE_READONLY: 'is read-only (the file or its directory)',
  SQLITE_READONLY_DIRECTORY: 'is in a read-only directory',
  SQLITE_PERM: 'cannot be accessed: permission denied',
  SQLITE_CORRUPT: 'is damaged (database disk image is malformed)',
};

/** EventStoreDB client error types (`CommandError.type`) that mean: the server is not usable. */
const eventStoreDbReasons: Readonly<Record<string, string>> = {
  unavailable: 'cannot reach the EventStoreDB server',
  'deadline-exceeded': 'the EventStoreDB server did not answer in time',
  timeout: 'the EventStoreDB server did not answer in time',
  'access-denied': 'EventStoreDB denied access',
};

/** File system failures, for a path the user gave. */
const fileReasons: Readonly<Record<string, string>> = {
  ENOENT: 'does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'is on a read-only file system',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
};

/** A store URL as it may be shown: any password replaced. */
export const showStoreUrl = (url: string): string => url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^@/]*@/i, '$1:***@');

const fieldOf = (error: unknown, name: string): unknown =>
  typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;

const stringField = (error: unknown, name: string): string | undefined => {
  const value = fieldOf(error, name);
  return typeof value === 'string' ? value : undefined;
};

/** The error, its cause and, for an AggregateError (a host with several addresses), its parts. */
const chainOf = (error: unknown): unknown[] => {
  const chain: unknown[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth += 1) {
    chain.push(current);
    if (current instanceof AggregateError) chain.push(...current.errors);
    current = fieldOf(current, 'cause');
  }
  return chain;
};

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();

/** `host:port` of a server URL, without credentials. */
const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return showStoreUrl(url);
  }
};

/** What kind of store a URL names, when it parses. */
const storeKindOf = (store: string | undefined): string | undefined => {
  if (store === undefined) return undefined;
  try {
    return parseStoreUrl(store).kind;
  } catch {
    return undefined;
  }
};

const storeFailure = (error: unknown, store: string): string | undefined => {
  const kind = storeKindOf(store);
  const shown = showStoreUrl(store);
  if (stringField(error, 'code') === 'ERR_INVALID_URL') return `--store ${shown} is not a valid URL`;
  for (const part of chainOf(error)) {
    const code = stringField(part, 'code');
    if (code !== undefined && Object.hasOwn(networkReasons, code)) {
      const server = kind === 'eventstoredb' ? 'the EventStoreDB' : kind === 'postgres' ? 'the PostgreSQL' : 'the';
      return `cannot reach ${server} server at ${hostOf(store)}: ${networkReasons[code]}`;
    }
  }
  if (kind === 'postgres') {
    const code = stringField(error, 'code');
    if (code !== undefined && /^[0-9A-Z]{5}$/.test(code) && stringField(error, 'severity') !== undefined) {
      const reason = postgresReasons[code] ?? postgresReasons[code.slice(0, 2)];
      if (reason !== undefined) return `${reason} at ${hostOf(store)}: ${firstLine(error)} (SQLSTATE ${code})`;
    }
  }
  if (kind === 'eventstoredb') {
    const type = stringField(error, 'type');
    if (type !== undefined && Object.hasOwn(eventStoreDbReasons, type)) {
      // The gRPC client folds the socket error into its message: name it plainly when it is there.
      const socket = Object.keys(networkReasons).find((code) => firstLine(error).includes(code));
      return `${eventStoreDbReasons[type]} at ${hostOf(store)}: ${socket === undefined ? firstLine(error) : networkReasons[socket]}`;
    }
  }
  if (kind === 'sqlite') {
    const path = (parseStoreUrl(store) as { readonly path: string }).path;
    const code = stringField(error, 'code');
    if (code !== undefined && Object.hasOwn(sqliteReasons, code)) return `SQLite file ${path} ${sqliteReasons[code]} (${code})`;
    // better-sqlite3 checks the directory itself and throws a plain TypeError with no code.
    if (error instanceof TypeError && /directory does not exist/.test(error.message)) return `cannot create SQLite file ${path}: directory ${dirname(path)} does not exist`;
  }
  return undefined;
};

/**
 * One line for a failure the user can fix, or `undefined` for anything else. `store` is the
 * `--store` URL the command was given, to name the server or file.
 */
export const userErrorOf = (error: unknown, store?: string): string | undefined => {
  if (error instanceof UsageError || error instanceof StoreUrlError || error instanceof KeyFileError) return error.message;
  if (isInvalidArgument(error)) return `--store ${error.reason}`;
  if (isEventStoreError(error, 'store_not_found')) return error.message;
  // A store whose optional driver is not installed: the message names the package to install.
  if (isDriverNotInstalled(error)) return error.message;
  const fromStore = store === undefined ? undefined : storeFailure(error, store);
  if (fromStore !== undefined) return fromStore;
  const code = stringField(error, 'code');
  const path = stringField(error, 'path');
  if (code !== undefined && path !== undefined && Object.hasOwn(fileReasons, code)) return `${path} ${fileReasons[code]}`;
  return undefined;
};
