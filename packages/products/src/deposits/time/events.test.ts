import { decodeEvent, encodeEvent } from '@ecoledger/ledger';
import { testMetadata } from '@ecoledger/ledger/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { placeCommand, run, testProduct } from '../../../test-kit/deposits/time/timeDeposit.fixture.js';
import { timeDepositEventSchemas } from './events.js';

const id = '52345799-80af-4bc1-bd3d-36c44db77953';
const metadata = testMetadata({ commandId: 'cmd-1' });

describe('time-deposit event schemas', () => {
  const product = testProduct({ accountingBasis: 'accrual', withholdingTaxPercent: '20' });
  const lifecycles = [
    [placeCommand({ principal: '50000.00', maturityInstruction: 'rollover_principal_and_interest' }), { type: 'AccrueInterest', through: '2026-02-01' }, { type: 'WithdrawEarly', on: '2026-04-01', amount: '20000.00' }, { type: 'Mature', on: '2027-01-01' }],
    [placeCommand({ maturityInstruction: 'hold_at_maturity' }), { type: 'Mature', on: '2027-01-01' }, { type: 'WithdrawAfterMaturity', on: '2027-03-01' }],
    [placeCommand(), { type: 'WithdrawEarly', on: '2026-03-01' }],
  ];

  it('every event of whole lifecycles encodes to JSON at version 1 and decodes back equal', () => {
    for (const commands of lifecycles) {
      for (const event of run(product, commands).events) {
        const envelope = encodeEvent(timeDepositEventSchemas, event, { id, metadata });
        expect(envelope.version).toBe(1);
        expect(JSON.parse(JSON.stringify(envelope.data))).toEqual(envelope.data);
        expect(decodeEvent(timeDepositEventSchemas, envelope)).toEqual(E.right(event));
      }
    }
  });

  it('refuses on read: an unknown field, a JS number for an amount, a bad date, an unknown version', () => {
    const placed = encodeEvent(timeDepositEventSchemas, run(product, [placeCommand()]).events[0]!, { id, metadata });
    const corrupt = (data: object, version = 1) => decodeEvent(timeDepositEventSchemas, { ...placed, version, data: data as never });
    const codeOf = (result: ReturnType<typeof corrupt>) => (E.isLeft(result) ? result.left.code : 'decoded');
    expect(codeOf(corrupt({ ...(placed.data as object), note: 'x' }))).toBe('event_decode_failed');
    expect(codeOf(corrupt({ ...(placed.data as object), principal: 10000 }))).toBe('event_decode_failed');
    expect(codeOf(corrupt({ ...(placed.data as object), principal: '-1.00' }))).toBe('event_decode_failed');
    expect(codeOf(corrupt({ ...(placed.data as object), placedOn: '2026-02-30' }))).toBe('event_decode_failed');
    expect(codeOf(corrupt(placed.data as object, 2))).toBe('event_type_unknown');
  });

  it('refuses on write: data that does not match its schema is not recorded', () => {
    const [event] = run(product, [placeCommand()]).events;
    expect(() => encodeEvent(timeDepositEventSchemas, { ...event!, data: { ...event!.data, rate: '1.75%' } } as never, { id, metadata })).toThrow(expect.objectContaining({ code: 'event_decode_failed' }));
  });
});
