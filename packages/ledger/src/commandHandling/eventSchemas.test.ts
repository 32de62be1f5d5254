import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../eventStore/envelope.js';
import { testMetadata } from '../testing/eventFixtures.js';
import { accountSchemas, type AccountEvent } from '../../test-kit/commandHandling/bankAccount.fixture.js';
import { decodeEvent, encodeEvent, type EventSchemas } from './eventSchemas.js';

const id = '52345799-80af-4bc1-bd3d-36c44db77953';
const metadata = testMetadata({ commandId: 'cmd-1' });

const recorded = (overrides: Partial<RecordedEvent>): RecordedEvent => ({
  id,
  type: 'FundsDeposited',
  version: 2,
  data: { minorUnits: '1050' },
  metadata,
  streamName: 'account-7',
  revision: 3n,
  position: 42n,
  ...overrides,
});

const leftOf = <L, R>(either: E.Either<L, R>): L => {
  if (E.isRight(either)) throw new Error(`expected Left, got ${String(either.right)}`);
  return either.left;
};

describe('encodeEvent', () => {
  it('encodes typed data to JSON with the schema version (bigints become strings)', () => {
    const envelope = encodeEvent(accountSchemas, { type: 'FundsDeposited', data: { minorUnits: 12345678901234567890n } }, { id, metadata });
    expect(envelope).toEqual({ id, type: 'FundsDeposited', version: 2, data: { minorUnits: '12345678901234567890' }, metadata });
    expect(Object.isFrozen(envelope.data)).toBe(true);
  });

  it('round-trips through decodeEvent', () => {
    const events: AccountEvent[] = [
      { type: 'AccountOpened', data: { owner: 'ada' } },
      { type: 'FundsWithdrawn', data: { minorUnits: 5n } },
      { type: 'TransfersBooked', data: { transfers: [{ to: 'b', amount: '1.50' }] } },
    ];
    for (const event of events) {
      const envelope = encodeEvent(accountSchemas, event, { id, metadata });
      expect(decodeEvent(accountSchemas, envelope)).toEqual(E.right(event));
    }
  });

  it('validates on write: data that does not encode to valid JSON is an EventDecodeError with a path', () => {
    const bad = { type: 'TransfersBooked', data: { transfers: [{ to: 'b', amount: '1.50' }, { to: 'c', amount: 2.5 }] } } as unknown as AccountEvent;
    expect(() => encodeEvent(accountSchemas, bad, { id, metadata })).toThrow(
      expect.objectContaining({ code: 'event_decode_failed', eventType: 'TransfersBooked', path: '$.data.transfers[1].amount' }),
    );
    const throwing = { type: 'FundsDeposited', data: {} } as unknown as AccountEvent;
    expect(() => encodeEvent(accountSchemas, throwing, { id, metadata })).toThrow(
      expect.objectContaining({ code: 'event_decode_failed', path: '$.data', reason: expect.stringMatching(/^encoding threw/) }),
    );
  });

  it('rejects codecs whose output is not JSON', () => {
    const NotJson = new t.Type<bigint, bigint, unknown>('raw bigint', (u): u is bigint => typeof u === 'bigint', (u, c) => (typeof u === 'bigint' ? t.success(u) : t.failure(u, c)), (a) => a);
    const schemas: EventSchemas<{ type: 'Raw'; data: { n: bigint } }> = { Raw: { version: 1, codec: t.type({ n: NotJson }) } };
    expect(() => encodeEvent(schemas, { type: 'Raw', data: { n: 1n } }, { id, metadata })).toThrow(
      expect.objectContaining({ code: 'event_decode_failed', path: '$.data.n', reason: 'expected JSON value, got a bigint' }),
    );
  });

  it('rejects an unregistered type, a bad id and bad metadata', () => {
    const unknown = { type: 'toString', data: {} } as unknown as AccountEvent;
    expect(() => encodeEvent(accountSchemas, unknown, { id, metadata })).toThrow(expect.objectContaining({ code: 'event_type_unknown', path: '$.type' }));
    const event: AccountEvent = { type: 'AccountOpened', data: { owner: 'ada' } };
    expect(() => encodeEvent(accountSchemas, event, { id: 'nope', metadata })).toThrow(expect.objectContaining({ path: '$.id' }));
    const badMetadata = { ...metadata, channel: 'fax' } as unknown as typeof metadata;
    expect(() => encodeEvent(accountSchemas, event, { id, metadata: badMetadata })).toThrow(
      expect.objectContaining({ code: 'event_decode_failed', path: '$.metadata.channel' }),
    );
  });
});

describe('decodeEvent', () => {
  it('decodes stored JSON to typed data', () => {
    expect(decodeEvent(accountSchemas, recorded({}))).toEqual(E.right({ type: 'FundsDeposited', data: { minorUnits: 1050n } }));
  });

  it('names stream, revision, path and reason when stored data does not match its schema', () => {
    const transfers = [{ to: 'a', amount: '1' }, { to: 'b', amount: '2' }, { to: 'c', amount: '3' }, { to: 'd', amount: 12.5 }];
    const error = leftOf(decodeEvent(accountSchemas, recorded({ type: 'TransfersBooked', version: 1, data: { transfers } })));
    expect(error).toMatchObject({
      code: 'event_decode_failed',
      eventType: 'TransfersBooked',
      stream: 'account-7',
      revision: 3n,
      path: '$.data.transfers[3].amount',
      reason: 'expected decimal string, got 12.5',
    });
    expect(error.message).toContain('$.data.transfers[3].amount: expected decimal string, got 12.5');
    expect(error.message).toContain('stream "account-7" at revision 3');
  });

  it('reports an unknown type or version as event_type_unknown, naming stream and revision', () => {
    expect(leftOf(decodeEvent(accountSchemas, recorded({ type: 'AccountClosed' })))).toMatchObject({
      code: 'event_type_unknown',
      eventType: 'AccountClosed',
      stream: 'account-7',
      revision: 3n,
      path: '$.type',
    });
    expect(leftOf(decodeEvent(accountSchemas, recorded({ type: 'constructor' })))).toMatchObject({ code: 'event_type_unknown' });
    expect(leftOf(decodeEvent(accountSchemas, recorded({ version: 3 })))).toMatchObject({
      code: 'event_type_unknown',
      stream: 'account-7',
      revision: 3n,
      version: 3,
      path: '$.version',
    });
  });

  it('upcasts older versions through their registered decoder', () => {
    expect(decodeEvent(accountSchemas, recorded({ version: 1, data: { cents: 250 } }))).toEqual(
      E.right({ type: 'FundsDeposited', data: { minorUnits: 250n } }),
    );
    expect(leftOf(decodeEvent(accountSchemas, recorded({ version: 1, data: { cents: '250' } })))).toMatchObject({
      code: 'event_decode_failed',
      version: 1,
      path: '$.data.cents',
    });
  });
});
