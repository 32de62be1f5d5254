import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { codecs } from '../index.js';

describe('the public codecs namespace', () => {
  it('exports exactly the codecs other packages build event schemas from', () => {
    expect(Object.keys(codecs).sort()).toEqual(['DecimalString', 'IsoInstant', 'closedStruct']);
  });

  it('is the codecs the ledger itself uses', () => {
    const codec = codecs.closedStruct('pair', { amount: codecs.DecimalString, at: codecs.IsoInstant });
    expect(codec.decode({ amount: '-12.50', at: '2026-01-05T09:30:00.000Z' })).toEqual(E.right({ amount: '-12.50', at: '2026-01-05T09:30:00.000Z' }));
    expect(E.isLeft(codec.decode({ amount: '12.50', at: '2026-01-05T09:30:00.000Z', extra: 1 }))).toBe(true);
    expect(E.isLeft(codec.decode({ amount: 12.5, at: '2026-01-05T09:30:00.000Z' }))).toBe(true);
  });
});
