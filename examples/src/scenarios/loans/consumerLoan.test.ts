import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '@ecoledger/ledger';
import { runConsumerLoan } from './runConsumerLoan.js';

describe('consumer loan scenario', () => {
  it('runs', async () => {
    const report = await runConsumerLoan();
    console.log(report.lines.join('\n'));
    expect(report.failures).toEqual([]);
  });
});
