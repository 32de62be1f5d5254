/** Builders of valid and deliberately broken envelopes, for store tests. */
import { v4 as uuidv4 } from 'uuid';
import type { EventEnvelope, EventMetadata, Json } from '../eventStore/envelope.js';

/** Valid metadata with fixed values; override any field. */
export const testMetadata = (overrides: Partial<EventMetadata> = {}): EventMetadata => ({
  correlationId: 'correlation-1',
  causationId: 'causation-1',
  tenant: 'tenant-a',
  actor: 'user-1',
  channel: 'app',
  occurredAt: '2024-05-01T12:00:00.000Z',
  ...overrides,
});

/** A valid envelope with a fresh random id; override any field. */
export const testEvent = (overrides: Partial<EventEnvelope<string, Json>> = {}): EventEnvelope<string, Json> => ({
  id: uuidv4(),
  type: 'FundsDeposited',
  version: 1,
  data: { amount: '10.00', currency: 'EUR' },
  metadata: testMetadata(),
  ...overrides,
});

/** `count` valid envelopes, each carrying its index in `data.n` and a distinct amount. */
export const testEvents = (count: number, type = 'FundsDeposited'): EventEnvelope<string, Json>[] =>
  Array.from({ length: count }, (_, n) => testEvent({ type, data: { n, amount: `${n}.${String(n % 100).padStart(2, '0')}` } }));

/** A named way of breaking one envelope. */
export interface EnvelopeCorruption {
  readonly name: string;
  readonly corrupt: (event: EventEnvelope<string, Json>) => unknown;
}

const withField = (event: object, key: string, value: unknown): Record<string, unknown> => ({ ...event, [key]: value });
const withoutField = (event: object, key: string): Record<string, unknown> => {
  const copy: Record<string, unknown> = { ...event };
  delete copy[key];
  return copy;
};
const withMetadata = (event: EventEnvelope<string, Json>, key: string, value: unknown): Record<string, unknown> =>
  withField(event, 'metadata', withField(event.metadata, key, value));
const withData = (event: EventEnvelope<string, Json>, value: unknown): Record<string, unknown> => withField(event, 'data', value);

const cyclic = (): unknown => {
  const node: Record<string, unknown> = { amount: '1.00' };
  node['self'] = node;
  return node;
};

/** Every way an append must reject one envelope with `invalid_argument`. */
export const envelopeCorruptions: readonly EnvelopeCorruption[] = [
  { name: 'not an object', corrupt: () => 'FundsDeposited' },
  { name: 'null', corrupt: () => null },
  { name: 'an array', corrupt: (event) => [event] },
  { name: 'unknown envelope field', corrupt: (event) => withField(event, 'streamName', 'account-1') },
  { name: 'id missing', corrupt: (event) => withoutField(event, 'id') },
  { name: 'id not a uuid', corrupt: (event) => withField(event, 'id', 'not-a-uuid') },
  { name: 'id uppercase', corrupt: (event) => withField(event, 'id', event.id.toUpperCase()) },
  { name: 'id a number', corrupt: (event) => withField(event, 'id', 42) },
  { name: 'type empty', corrupt: (event) => withField(event, 'type', '') },
  { name: 'type missing', corrupt: (event) => withoutField(event, 'type') },
  { name: 'type a number', corrupt: (event) => withField(event, 'type', 7) },
  { name: 'version 0', corrupt: (event) => withField(event, 'version', 0) },
  { name: 'version negative', corrupt: (event) => withField(event, 'version', -1) },
  { name: 'version fractional', corrupt: (event) => withField(event, 'version', 1.5) },
  { name: 'version a string', corrupt: (event) => withField(event, 'version', '1') },
  { name: 'version NaN', corrupt: (event) => withField(event, 'version', Number.NaN) },
  { name: 'version a bigint', corrupt: (event) => withField(event, 'version', 1n) },
  { name: 'data missing', corrupt: (event) => withoutField(event, 'data') },
  { name: 'data a bigint', corrupt: (event) => withData(event, { amount: 10n }) },
  { name: 'data NaN', corrupt: (event) => withData(event, { amount: Number.NaN }) },
  { name: 'data Infinity', corrupt: (event) => withData(event, [Number.POSITIVE_INFINITY]) },
  { name: 'data a function', corrupt: (event) => withData(event, { amount: () => '1' }) },
  { name: 'data a Date', corrupt: (event) => withData(event, { at: new Date(0) }) },
  { name: 'data a Map', corrupt: (event) => withData(event, new Map([['amount', '1']])) },
  { name: 'data with undefined', corrupt: (event) => withData(event, { amount: undefined }) },
  { name: 'data with a hole', corrupt: (event) => withData(event, [1, undefined, 3]) },
  { name: 'data a symbol', corrupt: (event) => withData(event, { s: Symbol('x') }) },
  { name: 'data cyclic', corrupt: (event) => withData(event, cyclic()) },
  { name: 'metadata missing', corrupt: (event) => withoutField(event, 'metadata') },
  { name: 'metadata null', corrupt: (event) => withField(event, 'metadata', null) },
  { name: 'metadata unknown field', corrupt: (event) => withMetadata(event, 'ip', '10.0.0.1') },
  { name: 'tenant missing', corrupt: (event) => withField(event, 'metadata', withoutField(event.metadata, 'tenant')) },
  { name: 'tenant empty', corrupt: (event) => withMetadata(event, 'tenant', '') },
  { name: 'actor a number', corrupt: (event) => withMetadata(event, 'actor', 1) },
  { name: 'correlationId missing', corrupt: (event) => withField(event, 'metadata', withoutField(event.metadata, 'correlationId')) },
  { name: 'causationId empty', corrupt: (event) => withMetadata(event, 'causationId', '') },
  { name: 'channel unknown', corrupt: (event) => withMetadata(event, 'channel', 'fax') },
  { name: 'occurredAt not UTC', corrupt: (event) => withMetadata(event, 'occurredAt', '2024-05-01T12:00:00+02:00') },
  { name: 'occurredAt impossible date', corrupt: (event) => withMetadata(event, 'occurredAt', '2024-02-30T12:00:00.000Z') },
  { name: 'occurredAt a Date', corrupt: (event) => withMetadata(event, 'occurredAt', new Date(0)) },
  { name: 'commandId empty', corrupt: (event) => withMetadata(event, 'commandId', '') },
  { name: 'commandId a number', corrupt: (event) => withMetadata(event, 'commandId', 5) },
  { name: 'requestHash not a sha256 hex digest', corrupt: (event) => withMetadata(event, 'requestHash', 'ABC') },
];
