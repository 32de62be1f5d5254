import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TransfersCommittedSchema } from './events.js';
import { isTransfersCommittedData } from './fastValidation.js';

const valid = {
  expired: [{ id: 'h0', timestamp: '10' }],
  transfers: [
    { kind: 'transfer', id: 't1', debitAccountId: 'a', creditAccountId: 'b', amount: '1.50', ledger: 'cny', code: 1, flags: ['pending'], timestamp: '11', timeout: 5 },
    { kind: 'transfer', id: 't2', debitAccountId: 'a', creditAccountId: 'b', amount: '1.00', ledger: 'cny', code: 1, flags: ['post_pending_transfer'], timestamp: '12', pendingId: 't1', requestedAmount: null },
    { kind: 'transfer', id: 't3', debitAccountId: 'a', creditAccountId: 'b', amount: '0.00', ledger: 'cny', code: 1, flags: ['pending', 'closing_debit', 'closing_credit', 'imported'], timestamp: '14' },
    { kind: 'journal', id: 'j1', legs: [{ accountId: 'a', side: 'debit', amount: '2' }, { accountId: 'b', side: 'credit', amount: '2' }], code: 3, timestamp: '13', reversalOf: 'x' },
  ],
  failed: [{ id: 'f1', code: 'exceeds_credits' }],
};

/** Every way of replacing one value somewhere inside `value` by `replacement`. */
const mutations = (value: unknown, replacement: unknown): unknown[] => {
  if (typeof value !== 'object' || value === null) return [replacement];
  const out: unknown[] = [replacement];
  if (Array.isArray(value)) value.forEach((item, i) => mutations(item, replacement).forEach((m) => out.push(value.map((v, j) => (j === i ? m : v)))));
  else for (const key of Object.keys(value)) for (const m of mutations((value as Record<string, unknown>)[key], replacement)) out.push({ ...value, [key]: m });
  return out;
};

describe('fast validation of TransfersCommitted', () => {
  it('takes the fast path for well-formed data', () => {
    expect(isTransfersCommittedData(valid)).toBe(true);
    expect(TransfersCommittedSchema.is(valid)).toBe(true);
  });

  describe('properties', () => {
    it('never accepts what the io-ts codec rejects', () => {
      const replacement = fc.oneof(
        fc.anything(),
        fc.constantFrom('', '1e3', '-1', 0, 65536, 1.5, 'pending', 'closing_debit', 'imported', 'closingDebit', '__proto__', 'toString', 'journal', 'transfer', null, [], {}),
      );
      fc.assert(
        fc.property(replacement, (r) => {
          for (const candidate of mutations(valid, r)) {
            if (isTransfersCommittedData(candidate)) expect(TransfersCommittedSchema.is(candidate)).toBe(true);
          }
        }),
        { numRuns: 300 },
      );
    });
  });
});
