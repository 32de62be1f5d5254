import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { DecimalString, formatValidationErrors } from '../codecs/index.js';
import { decodeEither, decodeOrThrow } from './decode.js';
import { EventEnvelopeCodec, EventMetadataCodec } from './envelopeCodec.js';
import { EventDecodeError } from './errors.js';

const errorsOf = <A, O>(codec: t.Type<A, O, unknown>, value: unknown): string => {
  const result = codec.decode(value);
  if (E.isRight(result)) throw new Error(`expected ${codec.name} to reject ${String(value)}`);
  return formatValidationErrors(result.left);
};

const metadata = {
  correlationId: 'c-1',
  causationId: 'c-0',
  tenant: 'bank-a',
  actor: 'teller-7',
  channel: 'branch',
  occurredAt: '2024-05-01T12:00:00.000Z',
} as const;

describe('envelope codecs', () => {
  it('accepts a valid envelope and reports every problem of a broken one', () => {
    const envelope = { id: '52345799-80af-4bc1-bd3d-36c44db77953', type: 'FundsDeposited', version: 1, data: { amount: '1.00' }, metadata };
    expect(EventEnvelopeCodec.decode(envelope)).toEqual(E.right(envelope));
    expect(errorsOf(EventEnvelopeCodec, { ...envelope, version: 0, metadata: { ...metadata, channel: 'fax' } })).toBe(
      '$.version: expected positive integer, got 0; $.metadata.channel: expected "app" | "web" | "branch" | "partner-api" | "batch" | "system", got "fax"',
    );
    expect(errorsOf(EventMetadataCodec, { ...metadata, occurredAt: undefined, extra: 1 })).toBe(
      '$.extra: unexpected field; $.occurredAt: expected ISO-8601 UTC instant, got undefined',
    );
  });

  it('hands back a decoded metadata object as it is, frozen, and still checks every other object', () => {
    const caller = { ...metadata, adoptedHead: { hash: 'a'.repeat(64), revision: '7' } };
    const decoded = decodeOrThrow(EventMetadataCodec, caller, { root: '$.metadata' });
    expect(decoded).not.toBe(caller);
    expect(Object.isFrozen(caller)).toBe(false);
    expect(Object.isFrozen(decoded) && Object.isFrozen(decoded.adoptedHead)).toBe(true);
    expect(decodeOrThrow(EventMetadataCodec, decoded, { root: '$.metadata' })).toBe(decoded);
    // A copy of a decoded object is a new object: checked again, so a broken copy is refused.
    expect(errorsOf(EventMetadataCodec, { ...decoded, channel: 'fax' })).toContain('$.channel');
  });
});

describe('decodeEither / decodeOrThrow', () => {
  it('return an EventDecodeError naming event, stream, revision, path and reason', () => {
    const Data = t.type({ amount: DecimalString });
    const result = decodeEither(Data, { amount: 12.5 }, { eventType: 'FundsDeposited', stream: 'account-1', revision: 4n, root: '$.data' });
    if (E.isRight(result)) throw new Error('expected a failure');
    expect(result.left).toBeInstanceOf(EventDecodeError);
    expect(result.left).toMatchObject({
      code: 'event_decode_failed',
      eventType: 'FundsDeposited',
      stream: 'account-1',
      revision: 4n,
      path: '$.data.amount',
      reason: 'expected decimal string, got 12.5',
    });
    expect(result.left.message).toContain('"account-1" at revision 4');
    expect(result.left.message).toContain('$.data.amount: expected decimal string, got 12.5');
    expect(() => decodeOrThrow(Data, {})).toThrow(/\$\.amount: missing, expected decimal string/);
    expect(decodeOrThrow(Data, { amount: '1' })).toEqual({ amount: '1' });
  });
});
