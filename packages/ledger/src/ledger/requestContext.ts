/**
 * The request context of a book call (who asks, through which channel, under which idempotency
 * key), validated and resolved against the book's defaults before the call is queued. A bad
 * context rejects only its own call, with a typed error, and never reaches the event envelope
 * (where it would fail the whole group commit it was part of).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Channel } from '../eventStore/envelope.js';
import { LedgerError } from './ledgerError.js';
import { MAX_CONTEXT_STRING_LENGTH } from '../limits.js';

/** Who is asking, through which channel, and the idempotency key of the request. */
export interface RequestContext {
  /** Idempotency key of the request; event ids are derived from it. Default: a fresh uuid. */
  readonly commandId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly tenant?: string;
  readonly actor?: string;
  readonly channel?: Channel;
}

/** Defaults a book applies to the context of every request. */
export interface ContextDefaults {
  readonly tenant?: string;
  readonly actor?: string;
  readonly channel?: Channel;
}

/** A context with every field decided: what goes into the event metadata. */
export interface ResolvedContext {
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly tenant: string;
  readonly actor: string;
  readonly channel: Channel;
}

/** Longest string a request context may carry in any field (characters). */
export { MAX_CONTEXT_STRING_LENGTH };

const STRING_FIELDS = ['commandId', 'correlationId', 'causationId', 'tenant', 'actor'] as const;
const FIELDS: ReadonlySet<string> = new Set([...STRING_FIELDS, 'channel']);
const CHANNELS: ReadonlySet<string> = new Set<Channel>(['app', 'web', 'branch', 'partner-api', 'batch', 'system']);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

const malformed = (detail: string) => E.left(new LedgerError('request_context_malformed', [], detail));

/** Why `value` is not an acceptable context string, or `undefined`. */
const stringProblem = (field: string, value: unknown): E.Either<LedgerError, never> | undefined => {
  if (typeof value !== 'string' || value.length === 0) return malformed(`$.context.${field} must be a non-empty string`);
  if (value.length > MAX_CONTEXT_STRING_LENGTH) {
    return E.left(new LedgerError('request_context_too_long', [], `$.context.${field}: ${value.length} > ${MAX_CONTEXT_STRING_LENGTH} characters`));
  }
  if (CONTROL.test(value)) return malformed(`$.context.${field} must not contain control characters`);
  return undefined;
};

/** Reads the context's own fields once (a caller's getter may throw, or differ on each read). */
const readFields = (context: unknown): E.Either<LedgerError, Readonly<Record<string, unknown>>> => {
  if (context === undefined) return E.right({});
  if (typeof context !== 'object' || context === null || Array.isArray(context)) return malformed('$.context must be an object');
  try {
    const fields: Record<string, unknown> = {};
    for (const key of Object.keys(context)) {
      if (!FIELDS.has(key)) return malformed(`$.context.${key.slice(0, 64)} is not a context field`);
      fields[key] = (context as Record<string, unknown>)[key];
    }
    return E.right(fields);
  } catch (error) {
    return malformed(`$.context could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/**
 * Validates a request context and fills in the defaults (command id: `newId()`; correlation and
 * causation: the command id; tenant `default`, actor and channel `system`, unless the book's
 * defaults say otherwise). Undefined fields take their default.
 */
export const resolveRequestContext = (
  context: unknown,
  defaults: ContextDefaults | undefined,
  newId: () => string,
): E.Either<LedgerError, ResolvedContext> => {
  const read = readFields(context);
  if (E.isLeft(read)) return read;
  const given = read.right;
  // Only `undefined` means "not given": a `null` is a malformed value, not a request for the default.
  const field = (name: string, fallback: () => unknown): unknown => (given[name] === undefined ? fallback() : given[name]);
  const commandId = field('commandId', newId);
  const resolved = {
    commandId,
    correlationId: field('correlationId', () => commandId),
    causationId: field('causationId', () => commandId),
    tenant: field('tenant', () => defaults?.tenant ?? 'default'),
    actor: field('actor', () => defaults?.actor ?? 'system'),
    channel: field('channel', () => defaults?.channel ?? 'system'),
  };
  for (const field of STRING_FIELDS) {
    const problem = stringProblem(field, resolved[field]);
    if (problem !== undefined) return problem;
  }
  if (typeof resolved.channel !== 'string' || !CHANNELS.has(resolved.channel)) {
    return malformed(`$.context.channel must be one of ${[...CHANNELS].join(', ')}`);
  }
  return E.right(resolved as ResolvedContext);
};
