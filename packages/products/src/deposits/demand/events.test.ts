import { decodeEvent, encodeEvent } from '@ecoledger/ledger';
import { testMetadata } from '@ecoledger/ledger/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { AT, accrueThrough, deposit, fixtureDecider, history, openBound, withdraw } from '../../../test-kit/deposits/demandFixtures.js';
import { demandDepositSchemas } from './events.js';

const metadata = testMetadata();
const { events } = history(fixtureDecider({ withholdingTaxPercent: '20' }), [
  openBound('II'),
  deposit('100.00', '2025-12-21'),
  { type: 'Freeze', freezeId: 'f1', amount: '10', authority: 'court', reference: 'r', at: AT },
  { type: 'Unfreeze', freezeId: 'f1', at: AT },
  withdraw('1.00', '2025-12-22', 'bound_account'),
  accrueThrough('2026-03-25'),
  { type: 'Close', on: '2026-03-26', at: AT, destination: 'bound_account', reference: 'close' },
]);

describe('demand deposit event schemas', () => {
  it('every event type round-trips through its version-1 schema', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(Object.keys(demandDepositSchemas)));
    for (const [index, event] of events.entries()) {
      const envelope = encodeEvent(demandDepositSchemas, event, { id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, metadata });
      expect(envelope.version).toBe(1);
      expect(decodeEvent(demandDepositSchemas, JSON.parse(JSON.stringify(envelope)))).toEqual(E.right(event));
    }
  });

  it('refuses unknown fields, JS numbers for amounts and bad dates on read', () => {
    const deposited = events[1]!;
    const envelope = encodeEvent(demandDepositSchemas, deposited, { id: '00000000-0000-4000-8000-000000000001', metadata });
    const corrupt = (data: Record<string, unknown>) => decodeEvent(demandDepositSchemas, { ...envelope, data: { ...(envelope.data as object), ...data } as never });
    expect(E.isLeft(corrupt({ extra: 'x' }))).toBe(true);
    expect(E.isLeft(corrupt({ amount: 100 }))).toBe(true);
    expect(E.isLeft(corrupt({ amount: '-1' }))).toBe(true);
    expect(E.isLeft(corrupt({ on: '2026-02-30' }))).toBe(true);
    expect(E.isRight(corrupt({}))).toBe(true);
  });
});
