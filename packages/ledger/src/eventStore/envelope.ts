/**
 * The event envelope: what every stored event looks like, whatever its store.
 * `data` is plain JSON (amounts as decimal strings, never JS numbers).
 */
import type { Json } from '../codecs/jsonValue.js';

/** Channels a command can arrive through. */
export type Channel = 'app' | 'web' | 'branch' | 'partner-api' | 'batch' | 'system';

/** Who, why and when, attached to every event. */
export interface EventMetadata {
  /** Ties together everything caused by one business request. */
  readonly correlationId: string;
  /** Id of the command (or event) that directly caused this event. */
  readonly causationId: string;
  readonly tenant: string;
  readonly actor: string;
  readonly channel: Channel;
  /** ISO-8601 instant from the injected clock. */
  readonly occurredAt: string;
  /** Idempotency key of the command that produced the event, when it came from a command. */
  readonly commandId?: string;
  /**
   * Ledger events: SHA-256 fingerprint of the request (command type and items) that produced the
   * event, so a command id reused for a different request is recognised (see `requestFingerprint.ts`).
   */
  readonly requestHash?: string;
  /**
   * Tamper evidence (ledger events): the `hash` of the previous event of the stream, zeros for the
   * first. On a book snapshot: the `hash` of the book event it covers (its binding).
   */
  readonly previousHash?: string;
  /**
   * Tamper evidence (ledger events): over `previousHash` and this event's content and revision,
   * HMAC-SHA256 under the key `sealKeyId` names, or SHA-256 when the event names none.
   */
  readonly hash?: string;
  /** Tamper evidence (ledger events): id of the seal key `hash` was computed with; absent for an unkeyed chain. */
  readonly sealKeyId?: string;
  /**
   * Tamper evidence (ledger events), only on the first keyed event of a book migrated to a seal
   * key: the head of the unkeyed history the book adopted, as its operator named it out of band
   * (`seal.adoptUnkeyedHistory`). Sealed with the event, so verify can tell a prefix checked
   * against a head from one that was merely continued.
   */
  readonly adoptedHead?: AdoptedHeadRecord;
}

/** The head of an adopted unkeyed history: its last revision (decimal) and that event's hash. */
export interface AdoptedHeadRecord {
  readonly revision: string;
  readonly hash: string;
}

export type { Json } from '../codecs/jsonValue.js';

/** An event ready to append. */
export interface EventEnvelope<Type extends string = string, Data = unknown> {
  /** UUID; derived (v5) from the command id where retries must deduplicate. */
  readonly id: string;
  readonly type: Type;
  /** Schema version of `data`, starting at 1. */
  readonly version: number;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

/** An event as read back from a store. */
export interface RecordedEvent<Type extends string = string, Data = unknown> extends EventEnvelope<Type, Data> {
  readonly streamName: string;
  /** Position within its stream, from `0n`. */
  readonly revision: bigint;
  /** Position in the global log. */
  readonly position: bigint;
}
