import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '@ecoledger/ledger';
import { runBankDay } from './bankDay.js';

describe('bank day scenario', () => {
  it('runs end to end with every invariant holding', async () => {
    const report = await runBankDay();
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.lines.join('\n')).toContain('signed sum 0.00');
  });

  it('a second run on the same store continues from the persisted state without corrupting it', async () => {
    const store = createInMemoryEventStore();
    const first = await runBankDay({ store });
    const events = (await store.readAll()).length;
    const second = await runBankDay({ store });
    expect(first.ok && second.ok).toBe(true);
    // Everything was already there: idempotent ids mean nothing new is written.
    expect((await store.readAll()).length).toBe(events);
  });
});
