import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore, ledgerResultMessages } from '@ecoledger/ledger';
import { runBankDay } from './bankDay.js';
import { grouped, withSide } from './bankDayReport.js';

/** The cells of a table row (`│ a │ b │`), trimmed. */
const cells = (row: string): string[] =>
  row
    .split('│')
    .slice(1, -1)
    .map((cell) => cell.trim());

/** The lines of the block that starts with `title`, up to the next blank line. */
const block = (lines: readonly string[], title: RegExp): readonly string[] => {
  const start = lines.findIndex((line) => title.test(line));
  expect(start, String(title)).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf('', start);
  return lines.slice(start, end === -1 ? undefined : end);
};

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

describe('bank day output, in a bank engineer\'s terms', () => {
  it('statements and the trial balance have labelled columns', async () => {
    const { lines } = await runBankDay();
    const statement = block(lines, /^Statement of alice /);
    expect(cells(statement.find((line) => line.includes('Time (UTC)'))!)).toEqual(['Time (UTC)', 'Transfer', 'Entry', 'Debit', 'Credit', 'Balance', 'Pending']);
    const trial = block(lines, /^Trial balance/);
    expect(cells(trial.find((line) => line.includes('Code'))!)).toEqual(['Code', 'Account', 'Type', 'Debits posted', 'Credits posted', 'Balance Dr', 'Balance Cr']);
  });

  it('one sign convention: a balance reads the same, with its side, in the statement and in the trial balance', async () => {
    const { lines } = await runBankDay();
    const trial = block(lines, /^Trial balance/);
    const rowOf = (id: string) => cells(trial.find((line) => cells(line)[1] === id)!);
    // Alice's deposit is a credit balance; Bob's overdrawn deposit is a debit balance.
    for (const [id, side] of [
      ['alice', 'Cr'],
      ['bob', 'Dr'],
    ] as const) {
      const statement = block(lines, new RegExp(`^Statement of ${id} `));
      const closing = /Ledger balance ([\d,.]+) (Dr|Cr)/.exec(statement.join('\n'));
      expect(closing?.[2], id).toBe(side);
      const lastRow = cells(statement.filter((line) => line.startsWith('│')).at(-1)!);
      expect(lastRow[5], id).toBe(`${closing![1]} ${side}`);
      const row = rowOf(id);
      expect(side === 'Dr' ? row[5] : row[6], id).toBe(closing![1]);
      expect(side === 'Dr' ? row[6] : row[5], id).toBe('');
    }
    expect(block(lines, /^Statement of alice /).join('\n')).toContain('Ledger balance 11,520.00 Cr');
    expect(block(lines, /^Statement of bob /).join('\n')).toContain('Ledger balance 302.50 Dr');
    // The two balance columns total the same: that is what "balanced" means on paper.
    const total = cells(trial.find((line) => line.includes('Total CNY'))!);
    expect(total[5]).toBe(total[6]);
  });

  it('shows an open hold as held, and what is still available', async () => {
    const { lines } = await runBankDay();
    const statement = block(lines, /^Statement of alice /);
    expect(statement.join('\n')).toMatch(/hold-002 +│ hold placed 150\.00/);
    expect(statement.join('\n')).toContain('Ledger balance 11,520.00 Cr · held 150.00 · available 11,370.00');
    expect(block(lines, /^Statement of bob /).join('\n')).toContain('available 197.50 (includes the overdraft limit of 500.00)');
  });

  it('explains each refusal with its result code and what the code means', async () => {
    const { lines } = await runBankDay();
    expect(lines).toContain(`    refused trf-002: exceeds_credits — ${ledgerResultMessages.exceeds_credits}`);
    expect(lines).toContain(`    refused rev-003: transfer_already_reversed — ${ledgerResultMessages.transfer_already_reversed}`);
  });

  it('states the time zone: times are UTC and carry their Z', async () => {
    const { lines } = await runBankDay();
    expect(lines.join('\n')).toContain('times are UTC (ISO 8601, Z)');
    const statement = block(lines, /^Statement of alice /);
    const firstRow = cells(statement.filter((line) => line.startsWith('│'))[1]!);
    expect(firstRow[0]).toMatch(/^2026-01-05T\d\d:\d\d:\d\dZ$/);
  });
});

describe('report helpers', () => {
  it('groups thousands by text and puts a balance on its side', () => {
    expect(grouped('1234567.50')).toBe('1,234,567.50');
    expect(grouped('-1000')).toBe('-1,000');
    expect(grouped('999.99')).toBe('999.99');
    expect(grouped('123456789012345678901234567890.01')).toBe('123,456,789,012,345,678,901,234,567,890.01');
    expect(withSide('302.50', 'credit')).toBe('302.50 Cr');
    expect(withSide('-302.50', 'credit')).toBe('302.50 Dr');
    expect(withSide('7500.00', 'debit')).toBe('7,500.00 Dr');
    expect(withSide('-1.00', 'debit')).toBe('1.00 Cr');
    expect(withSide('0.00', 'credit')).toBe('0.00');
    expect(withSide('-0.00', 'debit')).toBe('0.00');
  });
});
