import { describe, expect, it } from 'vitest';
import { AT, accrueThrough, demandProduct, deposit, fixtureDecider, history, openBound, resolveDemandRole, withdraw } from '../../../test-kit/deposits/demandFixtures.js';
import { demandLedgerEffects } from './postingRules.js';

const accrual = demandProduct({ withholdingTaxPercent: '20' });
const cash = demandProduct({ withholdingTaxPercent: '20', accountingBasis: 'cash' });
const { events } = history(fixtureDecider({ withholdingTaxPercent: '20' }), [
  openBound('II'),
  deposit('10000.00', '2025-12-21', 'unbound_account'),
  deposit('5.00', '2025-12-21', 'bound_account'),
  withdraw('5.00', '2025-12-22', 'bound_account'),
  withdraw('1.00', '2025-12-22', 'spending'),
  accrueThrough('2026-03-20'),
  { type: 'Freeze', freezeId: 'f', authority: 'court', reference: 'r', at: AT },
]);
const [opened, fromUnbound, fromBound, toBound, spent, accrued, credited, frozen] = events;

describe('demand ledger effects', () => {
  it('Open asks for the guarded customer liability account', () => {
    expect(demandLedgerEffects(accrual, opened!, resolveDemandRole)).toEqual({
      accounts: [
        { id: 'dd:dd-1', ledger: 'CNY', code: 2011, type: 'liability', guard: 'debits_must_not_exceed_credits', metadata: { product: 'DD-CNY-01', contractId: 'dd-1', accountClass: 'II' } },
      ],
      postings: [],
    });
  });

  it('movements go through settlement, or bound clearing for the bound account', () => {
    const legs = (e: typeof opened) => demandLedgerEffects(accrual, e!, resolveDemandRole).postings.map((p) => [p.key, p.debitAccountId, p.creditAccountId, p.amount, p.code]);
    expect(legs(fromUnbound)).toEqual([['principal', 'gl:settlement', 'dd:dd-1', '10000.00', 3101]]);
    expect(legs(fromBound)).toEqual([['principal', 'gl:boundClearing', 'dd:dd-1', '5.00', 3101]]);
    expect(legs(toBound)).toEqual([['principal', 'dd:dd-1', 'gl:boundClearing', '5.00', 3102]]);
    expect(legs(spent)).toEqual([['principal', 'dd:dd-1', 'gl:settlement', '1.00', 3102]]);
    expect(legs(frozen)).toEqual([]);
  });

  it('accrual basis books expense daily to payable, then pays payable to customer and tax', () => {
    // Dec 21: 10,005.00 × 0.36 % ÷ 360 = 0.10005; Dec 22 .. Mar 20: 89 × 9,999.00 × 0.36 % ÷ 360 = 8.8991;
    // 8.99915 → 9.00, tax 20 % = 1.80, net 7.20.
    expect(accrued?.type === 'InterestAccrued' && accrued.data.ledgerAmount).toBe('9.00');
    expect(demandLedgerEffects(accrual, accrued!, resolveDemandRole).postings).toEqual([
      { key: 'accrual', ledger: 'CNY', debitAccountId: 'gl:interestExpense', creditAccountId: 'gl:interestPayable', amount: '9.00', code: 3103 },
    ]);
    expect(demandLedgerEffects(accrual, credited!, resolveDemandRole).postings).toEqual([
      { key: 'interest', ledger: 'CNY', debitAccountId: 'gl:interestPayable', creditAccountId: 'dd:dd-1', amount: '7.20', code: 3104 },
      { key: 'tax', ledger: 'CNY', debitAccountId: 'gl:interestPayable', creditAccountId: 'gl:withholdingTaxPayable', amount: '1.80', code: 3105 },
    ]);
  });

  it('cash basis books nothing on accrual and the expense when paid', () => {
    expect(demandLedgerEffects(cash, accrued!, resolveDemandRole).postings).toEqual([]);
    expect(demandLedgerEffects(cash, credited!, resolveDemandRole).postings.map((p) => [p.debitAccountId, p.creditAccountId, p.amount])).toEqual([
      ['gl:interestExpense', 'dd:dd-1', '7.20'],
      ['gl:interestExpense', 'gl:withholdingTaxPayable', '1.80'],
    ]);
  });

  it('interest paid out at close goes straight to the destination, never through the account', () => {
    if (credited?.type !== 'InterestPosted') throw new Error('fixture: expected InterestPosted');
    const paidTo = (destination: 'cash' | 'bound_account', product = accrual) =>
      demandLedgerEffects(product, { ...credited, data: { ...credited.data, paidTo: destination } }, resolveDemandRole).postings.map((p) => [p.debitAccountId, p.creditAccountId, p.amount]);
    expect(paidTo('cash')).toEqual([
      ['gl:interestPayable', 'gl:settlement', '7.20'],
      ['gl:interestPayable', 'gl:withholdingTaxPayable', '1.80'],
    ]);
    expect(paidTo('bound_account')[0]).toEqual(['gl:interestPayable', 'gl:boundClearing', '7.20']);
    expect(paidTo('cash', cash)[0]).toEqual(['gl:interestExpense', 'gl:settlement', '7.20']);
  });
});
