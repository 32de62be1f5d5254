import { decimalToMinor } from '@ecoledger/ledger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test-kit/errorCode.js';
import { cny } from '../../../test-kit/loans/overdueArbitraries.js';
import { recoverWrittenOff, writeOff, type WriteOffInput } from './writeOff.js';

const zero = { penalty: '0.00', fee: '0.00', interest: '0.00', principal: '0.00' };
const input: WriteOffInput = {
  onBalanceSheet: { ...zero, principal: '100000.00', interest: '500.00' },
  offBalanceSheet: { ...zero, interest: '2300.00', penalty: '410.00' },
  allowance: '100000.00',
};

describe('writeOff and recoverWrittenOff', () => {
  it('known answer: the allowance is used, the shortfall charged, the whole claim retained off balance sheet', () => {
    expect(writeOff(input)).toEqual({
      writtenOff: { penalty: '0.00', fee: '0.00', interest: '500.00', principal: '100000.00', total: '100500.00' },
      allowanceUsed: '100000.00',
      additionalCharge: '500.00',
      allowanceReleased: '0.00',
      retainedClaim: { penalty: '410.00', fee: '0.00', interest: '2800.00', principal: '100000.00', total: '103210.00' },
    });
    expect(writeOff({ ...input, allowance: '120000.00' })).toMatchObject({ allowanceUsed: '100500.00', additionalCharge: '0.00', allowanceReleased: '19500.00' });
  });

  it('known answer: a recovery restores principal to the allowance first, then books income', () => {
    const claim = { ...zero, principal: '1000.00', interest: '300.00' };
    expect(recoverWrittenOff('1200.00', claim)).toEqual({
      recovered: { penalty: '0.00', fee: '0.00', interest: '200.00', principal: '1000.00', total: '1200.00' },
      restoreAllowance: '1000.00',
      income: '200.00',
      remainingClaim: { penalty: '0.00', fee: '0.00', interest: '100.00', principal: '0.00', total: '100.00' },
    });
    expect(recoverWrittenOff('1200.00', claim, ['interest', 'principal', 'penalty', 'fee'])).toMatchObject({ restoreAllowance: '900.00', income: '300.00' });
  });

  it('bad input gets a specific code', () => {
    const claim = { ...zero, principal: '1000.00' };
    expect(errorCodeOf(() => recoverWrittenOff('1000.01', claim))).toBe('recovery_exceeds_written_off');
    expect(errorCodeOf(() => recoverWrittenOff('0.00', claim))).toBe('amount_not_positive');
    expect(errorCodeOf(() => recoverWrittenOff('1.00', claim, ['principal', 'interest']))).toBe('waterfall_order_invalid');
    expect(errorCodeOf(() => recoverWrittenOff('1.00', { ...claim, tax: '1.00' } as never))).toBe('field_unknown');
    expect(errorCodeOf(() => writeOff({ ...input, allowance: '-1.00' }))).toBe('amount_negative');
    expect(errorCodeOf(() => writeOff({ ...input, offBalanceSheet: undefined } as never))).toBe('field_missing');
    expect(errorCodeOf(() => writeOff({ ...input, onBalanceSheet: { ...zero, principal: 5 } } as never))).toBe('field_not_string');
  });

  it('properties: written off = allowance used + additional charge; recovered + remaining = claim; restored + income = recovered', () => {
    const m = (s: string): bigint => decimalToMinor(s, 2);
    const amounts = fc.record({ penalty: fc.bigInt({ min: 0n, max: 10n ** 9n }), fee: fc.bigInt({ min: 0n, max: 10n ** 9n }), interest: fc.bigInt({ min: 0n, max: 10n ** 9n }), principal: fc.bigInt({ min: 0n, max: 10n ** 12n }) });
    const text = (a: { penalty: bigint; fee: bigint; interest: bigint; principal: bigint }) => ({ penalty: cny(a.penalty), fee: cny(a.fee), interest: cny(a.interest), principal: cny(a.principal) });
    fc.assert(
      fc.property(amounts, amounts, fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.bigInt({ min: 1n, max: 10n ** 13n }), (on, off, allowance, seed) => {
        const result = writeOff({ onBalanceSheet: text(on), offBalanceSheet: text(off), allowance: cny(allowance) });
        expect(m(result.allowanceUsed) + m(result.additionalCharge)).toBe(m(result.writtenOff.total));
        expect(m(result.allowanceUsed) + m(result.allowanceReleased)).toBe(allowance);
        const claimTotal = m(result.retainedClaim.total);
        if (claimTotal === 0n) return;
        // Any recovery from one fen up to the whole claim.
        const paid = 1n + (seed % claimTotal);
        const recovery = recoverWrittenOff(cny(paid), { penalty: result.retainedClaim.penalty, fee: result.retainedClaim.fee, interest: result.retainedClaim.interest, principal: result.retainedClaim.principal });
        expect(m(recovery.recovered.total)).toBe(paid);
        expect(m(recovery.recovered.total) + m(recovery.remainingClaim.total)).toBe(claimTotal);
        expect(m(recovery.restoreAllowance) + m(recovery.income)).toBe(paid);
      }),
    );
  });
});
