import { createHash } from 'node:crypto';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { materialiseItems } from './requestBody.js';
import { canonicalRequestText, requestFingerprint } from './requestFingerprint.js';

const slow = (type: string, items: unknown): string => createHash('sha256').update(canonicalRequestText({ items, type })).digest('hex');

/** The same value with every object's keys in reverse order. */
const reversed = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversed);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).reverse()) {
    Object.defineProperty(out, key, { value: reversed((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  }
  return out;
};

describe('requestFingerprint', () => {
  it('is the SHA-256 of the canonical text, whatever the key order (native fast path and fallback agree)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 5 }), (items) => {
        const fingerprint = requestFingerprint('CreateTransfers', items);
        expect(fingerprint).toBe(slow('CreateTransfers', items));
        expect(requestFingerprint('CreateTransfers', reversed(items))).toBe(fingerprint);
      }),
      { numRuns: 500 },
    );
  });

  it('tells bodies and command types apart', () => {
    const body = [{ id: 't1', amount: '1.00' }];
    expect(requestFingerprint('CreateTransfers', body)).not.toBe(requestFingerprint('CreateTransfers', [{ id: 't1', amount: '1.01' }]));
    expect(requestFingerprint('CreateTransfers', body)).not.toBe(requestFingerprint('OpenAccounts', body));
    expect(requestFingerprint('CreateTransfers', body)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('renders bigints, functions and an own __proto__ key on the canonical path', () => {
    const withBigint = [{ id: 't1', amount: 100n }];
    expect(requestFingerprint('CreateTransfers', withBigint)).toBe(slow('CreateTransfers', withBigint));
    expect(requestFingerprint('CreateTransfers', withBigint)).not.toBe(requestFingerprint('CreateTransfers', [{ id: 't1', amount: '100' }]));
    const withProto = materialiseItems([JSON.parse('{"id":"t1","flags":{"__proto__":{"pending":true}}}'), { id: 't2' }], 'transfers');
    const plain = withProto._tag === 'Right' ? withProto.right : [];
    expect(requestFingerprint('CreateTransfers', plain)).toBe(slow('CreateTransfers', plain));
    expect(canonicalRequestText(plain)).toBe('[{"flags":{"__proto__":{"pending":true}},"id":"t1"},{"id":"t2"}]');
    const withFunction = [{ id: 't1', toJSON: () => 'not me' }];
    expect(requestFingerprint('CreateTransfers', withFunction)).toBe(slow('CreateTransfers', withFunction));
  });
});
