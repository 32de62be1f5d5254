import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '@ecoledger/ledger';
import { describe, expect, it } from 'vitest';
import { bankContext } from '../../test-kit/deposits/depositBank.js';
import { LOAN_AT, LOAN_CONTEXT, applyCommand } from '../../test-kit/loans/loanFixtures.js';
import { openFundedAccount, openLoanBank, originate, type LoanBank } from '../../test-kit/loans/loanBank.js';
import { checkProductPostings } from '../../test-kit/productPostingsCheck.js';
import { loanService } from './loanService.js';
import { exposureTotal } from './loanServiceExposureStream.js';

const CAP = 20_000_000n;
const figures = async (bank: LoanBank) => Object.fromEntries(Object.entries(await bank.loans.exposure('b-1')).map(([id, c]) => [id, [c.reserved, c.drawn]]));

describe('the borrower exposure stream', () => {
  it('a decision reserves its limit; disbursement draws it; repayment and payoff bring it down; a decline reserves nothing', async () => {
    const bank = await openLoanBank();
    await openFundedAccount(bank, 'dd-1', '20000.00');
    await originate(bank, 'loan-1', 'dd-1');
    expect(await figures(bank)).toEqual({ 'loan-1': [1_200_000n, 0n] });
    await bank.loans.disburse('loan-1', { amount: '10000.00', on: '2025-07-01', at: LOAN_AT, reference: 'p1' }, 'd-1');
    expect(await figures(bank)).toEqual({ 'loan-1': [0n, 1_000_000n] });
    await bank.loans.closeLoans('2025-07-31', ['loan-1']);
    await bank.loans.closeLoans('2025-08-01', ['loan-1']);
    const drawn = (await bank.loans.state('loan-1')).principalReceivable;
    expect(drawn).toBeLessThan(1_000_000n);
    expect(await figures(bank)).toEqual({ 'loan-1': [0n, drawn] });
    expect(E.isRight(await bank.loans.payOff('loan-1', { amount: '12000.00', reference: 'off', on: '2025-08-02', at: LOAN_AT }, 'off'))).toBe(true);
    expect(await figures(bank)).toEqual({});
    // 200,000.00 with nothing outstanding reserves the whole cap; a second loan is then declined and reserves nothing.
    await originate(bank, 'loan-2', 'dd-1', '200000.00');
    expect(await figures(bank)).toEqual({ 'loan-2': [CAP, 0n] });
    await bank.loans.handle(bank.loans.streamOf('loan-3'), applyCommand({ contractId: 'loan-3', amount: '500.00' }), bankContext('apply-3'));
    expect(E.isRight(await bank.loans.decideCredit('loan-3', '2025-08-02', 'decide-3'))).toBe(true);
    expect((await bank.loans.state('loan-3')).decision).toMatchObject({ outcome: 'declined', reasons: ['consumer_credit_cap_exceeded'] });
    expect(await figures(bank)).toEqual({ 'loan-2': [CAP, 0n] });
    const report = await checkProductPostings(bank.store, bank.book, [...bank.sources, bank.loans.source]);
    expect(report.mismatched).toEqual([]);
  });

  it('close of business works from its cached loan states: a quiet day reads no loan stream, whole or past a revision', async () => {
    const bank = await openLoanBank();
    await openFundedAccount(bank, 'dd-1', '20000.00');
    await originate(bank, 'loan-1', 'dd-1');
    const wholeReads: string[] = [];
    const readsPast: string[] = [];
    // Counts reads of the loan's whole stream (no options); cached runs read only past a revision.
    const counting = new Proxy(bank.store, {
      get: (target, prop, receiver) => {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        const bound = (value as (...args: unknown[]) => unknown).bind(target);
        if (prop !== 'readStream') return bound;
        return (stream: string, options?: unknown) => {
          if (options === undefined && stream === bank.loans.streamOf('loan-1')) wholeReads.push(stream);
          if (options !== undefined && stream === bank.loans.streamOf('loan-1')) readsPast.push(stream);
          return bound(stream, options);
        };
      },
    }) as EventStore;
    const service = loanService({ store: counting, book: bank.book, deposits: bank, context: LOAN_CONTEXT, clock: () => new Date(LOAN_AT) });
    await service.disburse('loan-1', { amount: '10000.00', on: '2025-07-01', at: LOAN_AT, reference: 'p1' }, 'd-1');
    await service.closeLoans('2025-07-02', ['loan-1']);
    wholeReads.length = 0;
    await service.closeLoans('2025-07-03', ['loan-1']);
    await service.closeLoans('2025-07-04', ['loan-1']);
    expect(wholeReads).toEqual([]);
    // Nor past a cached revision: the assessment run takes the state the accrual run left.
    readsPast.length = 0;
    await service.closeLoans('2025-07-05', ['loan-1']);
    expect(readsPast).toEqual([]);
    expect(await figures(bank)).toEqual({ 'loan-1': [0n, 1_000_000n] });
  });

  it('for any interleaving of two concurrent decisions (two services on one store), reserved + drawn never exceeds the cap', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 60_000, max: 150_000 }), fc.integer({ min: 60_000, max: 150_000 }), async (s, first, second) => {
        const bank = await openLoanBank();
        await openFundedAccount(bank, 'dd-1', '0');
        for (const [id, amount] of [['loan-a', first], ['loan-b', second]] as const) {
          await bank.loans.handle(bank.loans.streamOf(id), applyCommand({ contractId: id, amount: `${amount}.00` }), bankContext(`apply-${id}`));
        }
        // Every read and append of the two services is a step the scheduler orders.
        const scheduled = new Proxy(bank.store, {
          get: (target, prop, receiver) => {
            const value = Reflect.get(target, prop, receiver) as unknown;
            if (typeof value !== 'function') return value;
            const bound = (value as (...args: unknown[]) => unknown).bind(target);
            return prop === 'readStream' || prop === 'append' ? s.scheduleFunction(bound as (...args: unknown[]) => Promise<unknown>) : bound;
          },
        }) as EventStore;
        const serviceOf = () => loanService({ store: scheduled, book: bank.book, deposits: bank, context: LOAN_CONTEXT, clock: () => new Date(LOAN_AT), retry: { maxAttempts: 20, baseDelayMs: 0, jitter: () => 0, sleep: async () => undefined } });
        const [one, two] = [serviceOf(), serviceOf()];
        const both = Promise.all([one.decideCredit('loan-a', '2025-06-30', 'decide-a'), two.decideCredit('loan-b', '2025-06-30', 'decide-b')]);
        await s.waitFor(both);
        const results = await both;
        expect(results.every(E.isRight)).toBe(true);
        const exposure = await bank.loans.exposure('b-1');
        expect(exposureTotal(exposure)).toBeLessThanOrEqual(CAP);
        let limits = 0n;
        for (const id of ['loan-a', 'loan-b']) {
          const decision = (await bank.loans.state(id)).decision!;
          if (decision.outcome === 'approved') limits += BigInt(decision.limit!.replace('.', ''));
          // What each loan recorded is what the stream reserved for it.
          expect(decision.outcome === 'approved' ? BigInt(decision.limit!.replace('.', '')) : 0n).toBe(exposure[id]?.reserved ?? 0n);
        }
        expect(limits).toBeLessThanOrEqual(CAP);
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
