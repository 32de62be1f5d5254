import { createCommandHandler } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { openCollateralBank } from '../../../test-kit/loans/collateralBank.js';
import { classifiedEvent } from '../../../test-kit/loans/collateralFixtures.js';
import type { RiskClass } from '../classification/riskClass.js';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { earlyWarningDecider } from './decider.js';
import { earlyWarningEventSchemas, warningStream } from './events.js';
import { RiskReadModel } from './riskReadModel.js';

const classified = async (loans: readonly string[], nextClass: RiskClass) => {
  const bank = openCollateralBank();
  for (const loan of loans) await bank.loanEvent(classifiedEvent(loan, 'normal', nextClass), `k-${loan}`);
  await bank.runWarnings();
  return bank;
};

describe('risk read model', () => {
  it('lists open warnings by loan, rule and severity, and counts them', async () => {
    const bank = await classified(['loan-1', 'loan-2', 'loan-3'], 'substandard');
    await bank.loanEvent(classifiedEvent('loan-2', 'substandard', 'loss'), 'k-again');
    await bank.loanEvent(classifiedEvent('loan-4', 'normal', 'special-mention'), 'k-4');
    await bank.runWarnings();
    const { model } = bank;
    expect(model.openWarnings().items.map((w) => w.loanContractId)).toEqual(['loan-1', 'loan-2', 'loan-3', 'loan-2', 'loan-4']);
    expect(model.openWarnings({ loanContractId: 'loan-2' }).items).toHaveLength(2);
    expect(model.openWarnings({ severity: 'medium' }).items.map((w) => w.loanContractId)).toEqual(['loan-4']);
    expect(model.openWarnings({ rule: 'ltv-above-threshold' }).items).toEqual([]);
    expect(model.openWarnings({ loanContractId: 'nobody' }).items).toEqual([]);
    expect(model.openCounts()).toEqual({
      total: 5,
      byRule: { 'ltv-above-threshold': 0, 'class-downgrade': 5, 'auto-debit-shortfalls': 0 },
      bySeverity: { medium: 1, high: 4 },
    });
  });

  it('pages with a cursor, skips resolved warnings and shows acknowledgements', async () => {
    const bank = await classified(['a', 'b', 'c', 'd', 'e'], 'doubtful');
    const first = bank.model.openWarnings({}, { limit: 2 });
    expect(first.items.map((w) => w.loanContractId)).toEqual(['a', 'b']);
    expect(first.nextCursor).toBeDefined();
    const ids = first.items.map((w) => w.warningId);
    const handle = createCommandHandler({ store: bank.store, decider: earlyWarningDecider(), schemas: earlyWarningEventSchemas, clock: () => new Date('2026-07-02T00:00:00.000Z') });
    const meta = { correlationId: 'c', tenant: 't', actor: 'officer', channel: 'web' as const };
    await handle(warningStream('c'), { type: 'Resolve', warningId: bank.model.openWarnings({ loanContractId: 'c' }).items[0]!.warningId, by: 'officer', reason: 'restructured', at: '2026-07-02T00:00:00.000Z' }, { commandId: 'res-c', metadata: meta });
    await handle(warningStream('a'), { type: 'Acknowledge', warningId: ids[0]!, by: 'officer', note: 'on it', at: '2026-07-02T00:00:00.000Z' }, { commandId: 'ack-a', metadata: meta });
    bank.model.applyAll(await bank.store.readAll());
    const second = bank.model.openWarnings({}, { limit: 2, after: first.nextCursor! });
    expect(second.items.map((w) => w.loanContractId)).toEqual(['d', 'e']);
    expect(second.nextCursor).toBeUndefined();
    expect(bank.model.openWarnings().items[0]).toMatchObject({ loanContractId: 'a', status: 'acknowledged', acknowledgedBy: 'officer' });
    expect(bank.model.openCounts().total).toBe(4);
  });

  it('ignores re-delivered events and refuses bad queries with specific codes', async () => {
    const bank = await classified(['a'], 'loss');
    const before = bank.model.openWarnings().items;
    expect(bank.model.applyAll(await bank.store.readAll())).toBe(0);
    expect(bank.model.openWarnings().items).toEqual(before);
    const model = new RiskReadModel();
    expect(errorCodeOf(() => model.openWarnings({}, { limit: 0 }))).toBe('page_request_invalid');
    expect(errorCodeOf(() => model.openWarnings({}, { limit: 1001 }))).toBe('page_request_invalid');
    expect(errorCodeOf(() => model.openWarnings({}, { after: '-1' }))).toBe('page_request_invalid');
    expect(errorCodeOf(() => model.openWarnings({}, { size: 3 } as never))).toBe('field_unknown');
    expect(errorCodeOf(() => model.openWarnings({ rule: 'gut-feeling' } as never))).toBe('early_warning_rule_unknown');
    expect(errorCodeOf(() => model.openWarnings({ severity: 'low' } as never))).toBe('severity_unknown');
    expect(errorCodeOf(() => model.openWarnings({ loanContractId: '' }))).toBe('identifier_invalid');
    expect(errorCodeOf(() => model.openWarnings({ borrower: 'x' } as never))).toBe('field_unknown');
  });
});
