/**
 * Decider specification of the book: when several checks fail at once, the code is the one
 * TigerBeetle's state machine gives (create_account, create_transfer, post_or_void_pending_transfer):
 * reserved flags before the id, `exists_*` before every check of the body, the `exists_with_different_*`
 * fields in TigerBeetle's order, and the non-transient codes where TigerBeetle has them.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transientResultCodes } from '../errors.js';
import {
  A,
  at,
  createTransfers,
  decide,
  expectItemFails,
  expectResults,
  extend,
  fundedBook,
  hold,
  NOW,
  openAccounts,
  openBook,
  postHold,
  transfer,
  voidHold,
} from '../../test-kit/ledger/specFixtures.test-support.js';
import { readFlags } from './validation.js';

const base = () =>
  extend(
    fundedBook(),
    createTransfers([transfer('t1', 'alice', 'bob', '1.00', { userData: 'order-1' }), hold('h1', 'alice', 'bob', '10.00', { timeout: 60 }), postHold('p1', 'h1')], at(2)),
  );

describe('TigerBeetle precedence', () => {
  it('reserved_flag comes before the id checks (transfers and accounts)', () => {
    expectItemFails(fundedBook(), { ...transfer('', 'alice', 'bob', '1.00'), flags: { bogus: true } }, 'reserved_flag');
    expectItemFails(fundedBook(), { ...transfer('a b', 'alice', 'bob', '1.00'), flags: { bogus: true } }, 'reserved_flag');
    expectResults(decide(openBook(), openAccounts([{ ...A.bankCash, id: '', flags: { bogus: true } }], NOW)).results, ['reserved_flag']);
  });

  it('exists_* comes before the checks of the body: an existing id with exclusive flags is exists_with_different_flags', () => {
    expectItemFails(base(), { ...transfer('t1', 'alice', 'bob', '1.00'), flags: { postPendingTransfer: true, voidPendingTransfer: true } }, 'exists_with_different_flags');
    expectItemFails(base(), { ...transfer('t1', 'alice', 'alice', '1.00', { userData: 'order-1' }) }, 'exists_with_different_credit_account_id');
    expectItemFails(base(), transfer('t1', 'alice', 'bob', '1.00', { userData: 'order-1', code: undefined }), 'exists_with_different_code');
    expectResults(decide(openBook(), openAccounts([{ ...A.alice, flags: { debitsMustNotExceedCredits: true, creditsMustNotExceedDebits: true } }], NOW)).results, [
      'exists_with_different_flags',
    ]);
  });

  it('exists_with_different_*: flags, pending id, timeout, accounts, amount, user data, ledger, code', () => {
    // timeout before debit account
    expectItemFails(base(), hold('h1', 'carol', 'bob', '10.00', { timeout: 61 }), 'exists_with_different_timeout');
    // pending id before amount
    expectItemFails(base(), postHold('p1', 't1', { amount: '1.00' }), 'exists_with_different_pending_id');
    // user data before ledger, ledger before code
    expectItemFails(base(), transfer('t1', 'alice', 'bob', '1.00', { userData: 'order-2', ledger: 'usd', code: 2 }), 'exists_with_different_user_data');
    expectItemFails(base(), transfer('t1', 'alice', 'bob', '1.00', { userData: 'order-1', ledger: 'usd', code: 2 }), 'exists_with_different_ledger');
    // accounts: flags, user data (tenant, metadata), ledger, code, then ecoledger's type and limit
    expectResults(decide(openBook(), openAccounts([{ ...A.alice, code: 9, tenant: 'branch-02' }], NOW)).results, ['exists_with_different_tenant']);
    expectResults(decide(openBook(), openAccounts([{ ...A.alice, code: 9, type: 'asset' }], NOW)).results, ['exists_with_different_code']);
  });

  it('a retried post may omit the accounts, ledger and code it inherits; naming other ones differs', () => {
    const done = base();
    expectResults(decide(done, createTransfers([{ id: 'p1', pendingId: 'h1', flags: { postPendingTransfer: true } }], NOW)).results, ['exists']);
    expectItemFails(done, postHold('p1', 'h1', { code: 7 }), 'exists_with_different_code');
  });

  it('a post or void may omit the code: it inherits the hold code', () => {
    const held = extend(fundedBook(), createTransfers([hold('h9', 'alice', 'bob', '10.00', { code: 42 })], at(2)));
    const { events } = decide(held, createTransfers([{ id: 'v9', pendingId: 'h9', flags: { voidPendingTransfer: true } }], NOW));
    expect(events[0]!.type === 'TransfersCommitted' && events[0]!.data.transfers[0]!.code).toBe(42);
    expectItemFails(held, voidHold('v9', 'h9', { code: 41 }), 'pending_transfer_has_different_code');
  });

  it('pending_transfer_expired is not transient (an expired hold stays expired), as in TigerBeetle', () => {
    expect(transientResultCodes.has('pending_transfer_expired')).toBe(false);
  });

  it('post or void: flags_are_mutually_exclusive comes before the pending id checks', () => {
    expectItemFails(fundedBook(), { id: 'x', code: 1, flags: { postPendingTransfer: true, pending: true } }, 'flags_are_mutually_exclusive');
    expectItemFails(fundedBook(), { id: 'x', code: 1, flags: { voidPendingTransfer: true, balancingDebit: true } }, 'flags_are_mutually_exclusive');
  });
});

describe('flags', () => {
  const prototypeNames = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])];

  it('names inherited from Object.prototype are unknown flags: reserved_flag', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      // JSON.parse makes `__proto__` an own property, as a request body would.
      const flags: unknown = JSON.parse(`{${JSON.stringify(name)}: true}`);
      expectItemFails(fundedBook(), { ...transfer('t9', 'alice', 'bob', '1.00'), flags }, 'reserved_flag');
      expectResults(decide(openBook(), openAccounts([{ ...A.bankCash, id: 'n1', flags }], NOW)).results, ['reserved_flag']);
    }
  });

  it('fuzz: any Object.prototype name, alone or with known flags, true or false, is reserved_flag', () => {
    fc.assert(
      fc.property(fc.constantFrom(...prototypeNames), fc.boolean(), fc.boolean(), (name, value, withKnown) => {
        const flags: unknown = JSON.parse(`{${withKnown ? '"pending": true, ' : ''}${JSON.stringify(name)}: ${value}}`);
        expect(readFlags(flags, { linked: 1, pending: 2 })).toBeUndefined();
        const { results } = decide(fundedBook(), createTransfers([{ ...transfer('t9', 'alice', 'bob', '1.00'), flags }], NOW));
        expect(results.map((r) => r.result)).toEqual(['reserved_flag']);
      }),
      { numRuns: 200 },
    );
  });
});
