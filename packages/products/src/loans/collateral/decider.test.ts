import { DeciderSpecification } from '@ecoledger/ledger/testing';
import { JPY } from '@ecoledger/ledger';
import { describe, it } from 'vitest';
import { businessDate } from '../../calendar/businessDate.js';
import { historyOf, pledge, revalue } from '../../../test-kit/loans/collateralFixtures.js';
import { collateralDecider } from './decider.js';

const decider = collateralDecider();
const given = DeciderSpecification.for(decider);
const pledged = historyOf(decider, [pledge()]);
const released = historyOf(decider, [pledge(), { type: 'Release', on: '2026-02-01', reason: 'loan repaid' }]);

describe('collateral decider: Pledge', () => {
  it('records the pledge with the canonical valuation and a 0 % haircut by default', () => {
    given([]).when(pledge({ valuation: '1000000' })).then({
      type: 'CollateralPledged',
      data: {
        collateralId: 'col-1',
        loanContractId: 'loan-1',
        kind: 'property',
        description: 'Flat 12-3, 88 Century Avenue, Pudong',
        valuation: '1000000.00',
        valuedOn: businessDate('2026-01-05'),
        valuer: 'appraiser-7',
        haircutPercent: '0',
      },
    });
    given([]).when(pledge({ haircutPercent: '10' })).thenState((s) => s.status === 'pledged' && s.valuation === 100_000_000n && s.haircutPercent === '10');
  });

  it('refuses a second pledge and bad input with specific codes', () => {
    given(pledged).when(pledge()).thenFails('collateral_already_pledged');
    given(released).when(pledge()).thenFails('collateral_already_pledged');
    given([]).when(pledge({ kind: 'art' as never })).thenFails('collateral_kind_unknown');
    given([]).when(pledge({ valuation: '0' })).thenFails('amount_not_positive');
    given([]).when(pledge({ valuation: '-5' })).thenFails('amount_negative');
    given([]).when(pledge({ valuation: '1.001' })).thenFails('amount_invalid');
    given([]).when(pledge({ valuation: 1000 as never })).thenFails('field_not_string');
    given([]).when(pledge({ haircutPercent: '100' })).thenFails('haircut_invalid');
    given([]).when(pledge({ haircutPercent: '-1' })).thenFails('haircut_invalid');
    given([]).when(pledge({ haircutPercent: 10 as never })).thenFails('field_not_string');
    given([]).when(pledge({ description: '' })).thenFails('text_invalid');
    given([]).when(pledge({ description: 'x'.repeat(501) })).thenFails('text_invalid');
    given([]).when(pledge({ collateralId: 'a\nb' })).thenFails('identifier_invalid');
    given([]).when(pledge({ valuedOn: '2026-02-30' })).thenFails('date_invalid');
    given([]).when({ ...pledge(), extra: 1 } as never).thenFails('field_unknown');
    given([]).when({ ...pledge(), valuer: undefined } as never).thenFails('field_missing');
    given([]).when({ type: 'Seize' } as never).thenFails('command_unknown');
    given([]).when(null as never).thenFails('input_not_object');
  });

  it('counts valuations in the loan’s asset', () => {
    const jpy = DeciderSpecification.for(collateralDecider(JPY));
    jpy([]).when(pledge({ valuation: '5000000.5' })).thenFails('amount_invalid');
    jpy([]).when(pledge({ valuation: '5000000' })).thenState((s) => s.valuation === 5_000_000n);
  });
});

describe('collateral decider: Revalue and Release', () => {
  it('Revalue records the previous and the new valuation with the pledge’s haircut', () => {
    const cut = historyOf(decider, [pledge({ haircutPercent: '10' })]);
    given(cut).when(revalue('900000', '2026-06-30', 'market fell')).then({
      type: 'CollateralRevalued',
      data: {
        collateralId: 'col-1',
        loanContractId: 'loan-1',
        previousValuation: '1000000.00',
        valuation: '900000.00',
        valuedOn: businessDate('2026-06-30'),
        valuer: 'appraiser-7',
        reason: 'market fell',
        haircutPercent: '10',
      },
    });
    // A same-day revaluation is a correction and allowed; an earlier date is not.
    given(pledged).when(revalue('990000', '2026-01-05')).thenState((s) => s.valuation === 99_000_000n);
    given(pledged).when(revalue('990000', '2026-01-04')).thenFails('collateral_date_out_of_order');
    given(pledged).when(revalue('0')).thenFails('amount_not_positive');
    given(pledged).when({ ...revalue('1'), reason: '' } as never).thenFails('text_invalid');
    given(pledged).when({ ...revalue('1'), haircutPercent: '5' } as never).thenFails('field_unknown');
  });

  it('Release ends the pledge; nothing follows a release; nothing precedes a pledge', () => {
    given(pledged)
      .when({ type: 'Release', on: '2026-02-01', reason: 'loan repaid' })
      .then({ type: 'CollateralReleased', data: { collateralId: 'col-1', loanContractId: 'loan-1', on: businessDate('2026-02-01'), reason: 'loan repaid' } });
    given(pledged).when({ type: 'Release', on: '2026-01-04', reason: 'x' }).thenFails('collateral_date_out_of_order');
    given(released).when(revalue('1')).thenFails('collateral_released');
    given(released).when({ type: 'Release', on: '2026-03-01', reason: 'again' }).thenFails('collateral_released');
    given([]).when(revalue('1')).thenFails('collateral_not_pledged');
    given([]).when({ type: 'Release', on: '2026-03-01', reason: 'x' }).thenFails('collateral_not_pledged');
  });
});
