import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { applyExposureChange, emptyBorrowerExposure, type BorrowerExposure, type ExposureChange } from './borrowerExposure.js';
import { checkConsumerExposure } from './consumerCap.js';

describe('checkConsumerExposure', () => {
  it('allows up to the cap exactly and refuses beyond it with the numbers', () => {
    expect(checkConsumerExposure({ outstanding: '150000.00', requested: '50000.00' })).toEqual(E.right({ outstandingAfter: '200000.00', headroomAfter: '0.00' }));
    expect(checkConsumerExposure({ outstanding: '150000.00', requested: '50000.01' })).toEqual(
      E.left({ code: 'consumer_credit_cap_exceeded', outstanding: '150000.00', requested: '50000.01', cap: '200000.00', headroom: '50000.00' }),
    );
    expect(checkConsumerExposure({ outstanding: '0', requested: '1000', cap: '500.00' })).toEqual(
      E.left({ code: 'consumer_credit_cap_exceeded', outstanding: '0.00', requested: '1000.00', cap: '500.00', headroom: '500.00' }),
    );
    // Outstanding above a lowered cap: no headroom, never a negative one.
    expect(checkConsumerExposure({ outstanding: '300000', requested: '1' })).toMatchObject(E.left({ headroom: '0.00' }));
  });

  it('refuses malformed input', () => {
    expect(errorCodeOf(() => checkConsumerExposure({ outstanding: '0', requested: '0' }))).toBe('amount_not_positive');
    expect(errorCodeOf(() => checkConsumerExposure({ outstanding: 0 as unknown as string, requested: '1' }))).toBe('field_not_string');
    expect(errorCodeOf(() => checkConsumerExposure({ outstanding: '0', requested: '1', cap: '2e5' }))).toBe('amount_invalid');
    expect(errorCodeOf(() => checkConsumerExposure({ outstanding: '0', requested: '1', borrower: 'x' } as never))).toBe('field_unknown');
  });
});

describe('BorrowerExposure', () => {
  const apply = (exposure: BorrowerExposure, ...changes: ExposureChange[]): BorrowerExposure => changes.reduce((e, c) => applyExposureChange(e, c), exposure);

  it('adds drawdowns and takes off repayments and write-offs, loan by loan', () => {
    const exposure = apply(
      emptyBorrowerExposure('b-1'),
      { kind: 'drawn', loanId: 'L1', amount: '50000.00' },
      { kind: 'drawn', loanId: 'L2', amount: '30000' },
      { kind: 'repaid', loanId: 'L1', amount: '10000.50' },
      { kind: 'written-off', loanId: 'L2', amount: '30000' },
    );
    expect(exposure).toEqual({ borrowerId: 'b-1', outstanding: '39999.50', loans: [{ loanId: 'L1', outstanding: '39999.50' }] });
    expect(JSON.parse(JSON.stringify(exposure))).toEqual(exposure);
  });

  it('refuses repaying more than is outstanding, unknown loans and bad changes', () => {
    const exposure = apply(emptyBorrowerExposure('b-1'), { kind: 'drawn', loanId: 'L1', amount: '100' });
    expect(errorCodeOf(() => applyExposureChange(exposure, { kind: 'repaid', loanId: 'L1', amount: '100.01' }))).toBe('exposure_change_invalid');
    expect(errorCodeOf(() => applyExposureChange(exposure, { kind: 'written-off', loanId: 'L9', amount: '1' }))).toBe('exposure_change_invalid');
    expect(errorCodeOf(() => applyExposureChange(exposure, { kind: 'refunded' as 'drawn', loanId: 'L1', amount: '1' }))).toBe('exposure_change_invalid');
    expect(errorCodeOf(() => applyExposureChange(exposure, { kind: 'drawn', loanId: 'L1', amount: '-1' }))).toBe('amount_negative');
    expect(errorCodeOf(() => applyExposureChange(exposure, { kind: 'drawn', loanId: 'constructor', amount: '1', at: 'now' } as never))).toBe('field_unknown');
    expect(errorCodeOf(() => emptyBorrowerExposure(''))).toBe('identifier_invalid');
  });
});
