/**
 * Decider specification of the book: ledger definitions, account openings, closings, reopenings,
 * and the batch-level codes shared by every command.
 */
import { describe, expect, it } from 'vitest';
import { ledgerResultMessages } from '../errors.js';
import type { AccountRecord } from './events.js';
import {
  A,
  accountTs,
  at,
  closeAccounts,
  CNY,
  createTransfers,
  decide,
  defineLedgerBatch,
  defineLedgers,
  expectResults,
  extend,
  given,
  history,
  hold,
  JPY,
  linked,
  NOW,
  openAccounts,
  openBook,
  rejection,
  reopenAccounts,
  stateOf,
  T0,
  USD,
  voidHold,
} from '../../test-kit/ledger/specFixtures.test-support.js';

const ledgersOnly = () => history(defineLedgers(CNY, USD, JPY));
const opened = (...records: AccountRecord[]) => ({ type: 'AccountsOpened' as const, data: { accounts: records } });

describe('ledger definitions', () => {
  it('defines ledgers: ok', () => {
    given([])
      .when(defineLedgers(CNY, USD, JPY))
      .then([{ type: 'LedgersDefined', data: { ledgers: [CNY, USD, JPY] } }]);
  });

  it('defining the same ledger again: exists, nothing happens', () => {
    given(ledgersOnly()).when(defineLedgers(CNY, JPY)).thenNothingHappened();
    const { results, events } = decide(ledgersOnly(), defineLedgers(CNY));
    expect(events).toEqual([]);
    expectResults(results, ['exists']);
  });

  it('a second definition of a ledger in the same batch: exists', () => {
    const { results, events } = decide([], defineLedgers(CNY, CNY));
    expectResults(results, ['ok', 'exists']);
    expect(events).toEqual([{ type: 'LedgersDefined', data: { ledgers: [CNY] } }]);
  });

  it('a ledger id redefined with another asset code: exists_with_different_asset', () => {
    given(ledgersOnly()).when(defineLedgers({ id: 'cny', asset: { code: 'USD', scale: 2 } })).thenFails('exists_with_different_asset');
  });

  it('a ledger id redefined with the same code and another scale: exists_with_different_asset', () => {
    given(ledgersOnly()).when(defineLedgers({ id: 'cny', asset: { code: 'CNY', scale: 3 } })).thenFails('exists_with_different_asset');
  });

  it('a second ledger of an asset code at the same scale: ok', () => {
    given(ledgersOnly())
      .when(defineLedgers({ id: 'cny-branch', asset: { code: 'CNY', scale: 2 } }))
      .then([{ type: 'LedgersDefined', data: { ledgers: [{ id: 'cny-branch', asset: { code: 'CNY', scale: 2 } }] } }]);
  });

  it('a new ledger reusing an asset code with a different scale: asset_invalid (also within one batch)', () => {
    given(ledgersOnly()).when(defineLedgers({ id: 'cny-3', asset: { code: 'CNY', scale: 3 } })).thenFails('asset_invalid');
    const { results } = decide([], defineLedgers({ id: 'x1', asset: { code: 'XAU', scale: 4 } }, { id: 'x2', asset: { code: 'XAU', scale: 6 } }));
    expectResults(results, ['ok', 'asset_invalid']);
  });

  it.each([
    ['a lowercase code', { code: 'cny', scale: 2 }],
    ['a 13-character code', { code: 'ABCDEFGHIJKLM', scale: 2 }],
    ['an empty code', { code: '', scale: 2 }],
    ['scale 19', { code: 'BIG', scale: 19 }],
    ['a negative scale', { code: 'NEG', scale: -1 }],
    ['a fractional scale', { code: 'FRA', scale: 1.5 }],
    ['a string scale', { code: 'STR', scale: '2' }],
    ['no asset', undefined],
    ['an asset that is a string', 'CNY'],
  ])('asset_invalid: %s', (_name, asset) => {
    given([]).when(defineLedgers({ id: 'l1', asset })).thenFails('asset_invalid');
  });

  it('the boundary scales 0 and 18 and a 12-character code are valid', () => {
    const { results } = decide([], defineLedgers({ id: 's0', asset: { code: 'A_1', scale: 0 } }, { id: 's18', asset: { code: 'ABCDEFGHIJ_1', scale: 18 } }));
    expectResults(results, ['ok', 'ok']);
  });

  it('a missing or empty id: id_must_not_be_empty; a malformed id: id_malformed', () => {
    given([]).when(defineLedgers({ id: '', asset: CNY.asset })).thenFails('id_must_not_be_empty');
    given([]).when(defineLedgers({ asset: CNY.asset })).thenFails('id_must_not_be_empty');
    given([]).when(defineLedgers({ id: 'has space', asset: CNY.asset })).thenFails('id_malformed');
    given([]).when(defineLedgers({ id: 'x'.repeat(129), asset: CNY.asset })).thenFails('id_malformed');
    given([]).when(defineLedgers({ id: 7, asset: CNY.asset })).thenFails('id_malformed');
    // Unknown fields come first (a misspelt field may change the meaning), here and in the asset.
    given([]).when(defineLedgers({ id: 'usd', asset: { code: 'USD', scale: 2 }, name: 'dollars' } as never)).thenFails('unknown_field');
    given([]).when(defineLedgers({ id: 'usd', asset: { code: 'USD', scale: 2, kind: 'currency' } } as never)).thenFails('unknown_field');
    // An ISO-4217 code at another scale than the standard's; a custom code takes any scale.
    given([]).when(defineLedgers({ id: 'jpy', asset: { code: 'JPY', scale: 2 } })).thenFails('currency_scale_invalid');
  });

  it('a 128-character id of every allowed character class is valid', () => {
    const id = `Az09._:-${'x'.repeat(120)}`;
    expect(id).toHaveLength(128);
    given([]).when(defineLedgers({ id, asset: CNY.asset })).then([{ type: 'LedgersDefined', data: { ledgers: [{ id, asset: CNY.asset }] } }]);
  });

  it('mixed results: the valid definitions are written, the bad ones reported', () => {
    const { results, events } = decide([], defineLedgers(CNY, { id: 'bad', asset: { code: 'bad', scale: 2 } }, USD));
    expectResults(results, ['ok', 'asset_invalid', 'ok']);
    expect(events).toEqual([{ type: 'LedgersDefined', data: { ledgers: [CNY, USD] } }]);
    given([]).when(defineLedgers(CNY, { id: 'bad', asset: {} })).then([{ type: 'LedgersDefined', data: { ledgers: [CNY] } }]);
  });

  it('non-object items: item_malformed', () => {
    for (const item of [42, null, 'cny', [CNY], true]) {
      given([]).when(defineLedgers(item)).thenFails('item_malformed');
    }
  });

  // Regression: ledger definitions honour `flags.linked` through the shared batch runner. A failed
  // chain must also be rolled back inside the batch, or a later item would see a ledger that was
  // never defined (it was reported `exists`; fixed in 81fc3c9 while these specifications were written).
  it('a failed linked chain of ledger definitions is rolled back within the batch', () => {
    const { results, events } = decide(
      [],
      defineLedgers(linked({ id: 'gold', asset: { code: 'XAU', scale: 4 } }), { id: 'bad', asset: {} }, { id: 'gold', asset: { code: 'XAU', scale: 4 } }),
    );
    expectResults(results, ['linked_event_failed', 'asset_invalid', 'ok']);
    expect(events).toEqual([{ type: 'LedgersDefined', data: { ledgers: [{ id: 'gold', asset: { code: 'XAU', scale: 4 } }] } }]);
    given([]).when(defineLedgers(linked(CNY), { id: 'bad', asset: {} })).thenFails('asset_invalid');
    const alone = rejection([], defineLedgers(linked(CNY), { id: 'bad', asset: {} }), 'asset_invalid');
    expect(alone.results.map((r) => r.result)).toEqual(['linked_event_failed', 'asset_invalid']);
  });
});

describe('opening accounts', () => {
  it('opens an account: ok, with every field stored canonically', () => {
    given(ledgersOnly())
      .when(openAccounts([A.alice, A.carol, A.loan, { id: 'yen', ledger: 'jpy', code: 1001, type: 'asset', flags: { debitsMustNotExceedCredits: true }, overdraftLimit: '500' }], NOW))
      .then([
        opened(
          {
            id: 'alice',
            ledger: 'cny',
            code: 2011,
            type: 'liability',
            tenant: 'branch-01',
            metadata: { name: 'Alice' },
            flags: ['debits_must_not_exceed_credits'],
            overdraftLimit: '0.00',
            timestamp: accountTs(0),
          },
          {
            id: 'carol',
            ledger: 'cny',
            code: 2011,
            type: 'liability',
            tenant: '',
            metadata: {},
            flags: ['debits_must_not_exceed_credits'],
            overdraftLimit: '100.00',
            timestamp: accountTs(1),
          },
          {
            id: 'loan-alice',
            ledger: 'cny',
            code: 1301,
            type: 'asset',
            tenant: '',
            metadata: {},
            flags: ['credits_must_not_exceed_debits'],
            overdraftLimit: '0.00',
            timestamp: accountTs(2),
          },
          { id: 'yen', ledger: 'jpy', code: 1001, type: 'asset', tenant: '', metadata: {}, flags: ['debits_must_not_exceed_credits'], overdraftLimit: '500', timestamp: accountTs(3) },
        ),
      ]);
  });

  it('every account type is accepted', () => {
    const types = ['asset', 'liability', 'equity', 'income', 'expense'];
    const { results } = decide(ledgersOnly(), openAccounts(types.map((type) => ({ id: `t-${type}`, ledger: 'cny', code: 1, type })), NOW));
    expectResults(results, ['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('timestamps never go backwards: a clock behind the book continues from the last timestamp', () => {
    const events = openBook();
    const last = stateOf(events).lastTimestamp;
    given(events)
      .when(openAccounts([{ id: 'late', ledger: 'cny', code: 1, type: 'asset' }], T0 - 1_000n))
      .then([opened({ id: 'late', ledger: 'cny', code: 1, type: 'asset', tenant: '', metadata: {}, flags: [], overdraftLimit: '0.00', timestamp: (last + 1n).toString() })]);
  });

  it('the same account again: exists (linked is not stored; limits and metadata compare by value)', () => {
    const events = openBook();
    given(events).when(openAccounts([A.alice], NOW)).thenNothingHappened();
    const { results } = decide(
      events,
      openAccounts(
        [
          linked(A.bob),
          { ...A.carol, overdraftLimit: '100' },
          { ...A.alice, metadata: { name: 'Alice' } },
          { id: 'm', ledger: 'cny', code: 1, type: 'asset', metadata: { b: '2', a: '1' } },
          { id: 'm', ledger: 'cny', code: 1, type: 'asset', metadata: { a: '1', b: '2' } },
        ],
        NOW,
      ),
    );
    // bob answers exists (linked is not compared), and that fails its chain, as in TigerBeetle.
    expectResults(results, ['exists', 'linked_event_failed', 'exists', 'ok', 'exists']);
  });

  it.each([
    ['exists_with_different_flags', { ...A.alice, flags: {} }],
    ['exists_with_different_flags', { ...A.alice, flags: { creditsMustNotExceedDebits: true } }],
    ['exists_with_different_ledger', { ...A.bankCash, ledger: 'usd' }],
    ['exists_with_different_code', { ...A.alice, code: 2012 }],
    ['exists_with_different_type', { ...A.alice, type: 'asset' }],
    ['exists_with_different_tenant', { ...A.alice, tenant: 'branch-02' }],
    ['exists_with_different_tenant', { ...A.bob, tenant: 'branch-01' }],
    ['exists_with_different_metadata', { ...A.alice, metadata: { name: 'Alicia' } }],
    ['exists_with_different_metadata', { ...A.alice, metadata: undefined }],
    ['exists_with_different_overdraft_limit', { ...A.carol, overdraftLimit: '50.00' }],
    ['exists_with_different_overdraft_limit', { ...A.bob, overdraftLimit: '0.01' }],
  ] as const)('%s', (code, input) => {
    given(openBook()).when(openAccounts([input], NOW)).thenFails(code);
  });

  it('exists_with_different_* also applies to an account opened earlier in the same batch', () => {
    const { results, events } = decide(ledgersOnly(), openAccounts([A.bob, { ...A.bob, code: 9 }], NOW));
    expectResults(results, ['ok', 'exists_with_different_code']);
    expect(events).toHaveLength(1);
  });

  it('a ledger that is not defined: ledger_not_found', () => {
    given(ledgersOnly()).when(openAccounts([{ ...A.bob, ledger: 'eur' }], NOW)).thenFails('ledger_not_found');
    given([]).when(openAccounts([A.bob], NOW)).thenFails('ledger_not_found');
  });

  it('a missing or empty ledger: ledger_must_not_be_empty; a malformed one: id_malformed', () => {
    given(ledgersOnly()).when(openAccounts([{ ...A.bob, ledger: '' }], NOW)).thenFails('ledger_must_not_be_empty');
    given(ledgersOnly()).when(openAccounts([{ id: 'x', code: 1, type: 'asset' }], NOW)).thenFails('ledger_must_not_be_empty');
    given(ledgersOnly()).when(openAccounts([{ ...A.bob, ledger: 'c n y' }], NOW)).thenFails('id_malformed');
  });

  it.each([0, 65536, 1.5, -1, '2011', undefined])('code %s: code_must_not_be_zero', (code) => {
    given(ledgersOnly()).when(openAccounts([{ ...A.bob, code }], NOW)).thenFails('code_must_not_be_zero');
  });

  it('code 65535 is the largest valid code', () => {
    const { results } = decide(ledgersOnly(), openAccounts([{ ...A.bob, code: 65535 }], NOW));
    expectResults(results, ['ok']);
  });

  it.each(['revenue', 'Asset', '', undefined, 1])('type %s: account_type_invalid', (type) => {
    given(ledgersOnly()).when(openAccounts([{ ...A.bob, type }], NOW)).thenFails('account_type_invalid');
  });

  it.each([
    ['an empty tenant', ''],
    ['a 129-character tenant', 't'.repeat(129)],
    ['a numeric tenant', 5],
  ])('tenant_malformed: %s', (_name, tenant) => {
    given(ledgersOnly()).when(openAccounts([{ ...A.bob, tenant }], NOW)).thenFails('tenant_malformed');
  });

  it('a 128-character tenant is valid', () => {
    expectResults(decide(ledgersOnly(), openAccounts([{ ...A.bob, tenant: 't'.repeat(128) }], NOW)).results, ['ok']);
  });

  it.each([
    ['an array', ['a']],
    ['a string', 'name=Bob'],
    ['a non-string value', { age: 42 }],
    ['33 keys', Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, 'v']))],
    ['a 65-character key', { ['k'.repeat(65)]: 'v' }],
    ['an empty key', { '': 'v' }],
    ['a 1025-character value', { note: 'v'.repeat(1025) }],
  ])('metadata_malformed: %s', (_name, metadata) => {
    given(ledgersOnly()).when(openAccounts([{ ...A.bob, metadata }], NOW)).thenFails('metadata_malformed');
  });

  it('metadata at its limits (32 keys of 64 chars, values of 1024 chars) is valid', () => {
    const metadata = Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`${i}`.padStart(64, 'k'), 'v'.repeat(1024)]));
    expectResults(decide(ledgersOnly(), openAccounts([{ ...A.bob, metadata }], NOW)).results, ['ok']);
  });

  it.each([
    ['a negative limit', 'cny', '-1'],
    ['more decimals than the scale', 'cny', '1.005'],
    ['decimals on a scale-0 ledger', 'jpy', '1.5'],
    ['exponent notation', 'cny', '1e3'],
    ['a JS number', 'cny', 100],
    ['a leading zero', 'cny', '0100'],
    ['beyond the supported range', 'jpy', '9'.repeat(40)],
  ])('overdraft_limit_invalid: %s', (_name, ledger, overdraftLimit) => {
    given(ledgersOnly()).when(openAccounts([{ ...A.bob, ledger, overdraftLimit }], NOW)).thenFails('overdraft_limit_invalid');
  });

  it('an overdraft limit without a balance flag: overdraft_limit_requires_balance_flag (a zero limit is fine)', () => {
    given(ledgersOnly()).when(openAccounts([{ ...A.bankCash, overdraftLimit: '10.00' }], NOW)).thenFails('overdraft_limit_requires_balance_flag');
    expectResults(decide(ledgersOnly(), openAccounts([{ ...A.bankCash, overdraftLimit: '0' }], NOW)).results, ['ok']);
    expectResults(decide(ledgersOnly(), openAccounts([{ ...A.loan, overdraftLimit: '10' }], NOW)).results, ['ok']);
  });

  it('both balance flags: flags_are_mutually_exclusive', () => {
    given(ledgersOnly())
      .when(openAccounts([{ ...A.bob, flags: { debitsMustNotExceedCredits: true, creditsMustNotExceedDebits: true } }], NOW))
      .thenFails('flags_are_mutually_exclusive');
  });

  it.each([
    ['an unknown flag', { frozen: true }],
    ['a non-boolean flag', { debitsMustNotExceedCredits: 'yes' }],
    ['flags that are not an object', ['linked']],
    ['a transfer flag', { pending: true }],
  ])('reserved_flag: %s', (_name, flags) => {
    given(ledgersOnly()).when(openAccounts([{ ...A.bob, flags }], NOW)).thenFails('reserved_flag');
  });

  it('a missing or malformed id: id_must_not_be_empty / id_malformed', () => {
    given(ledgersOnly()).when(openAccounts([{ ...A.bob, id: '' }], NOW)).thenFails('id_must_not_be_empty');
    given(ledgersOnly()).when(openAccounts([{ ...A.bob, id: undefined }], NOW)).thenFails('id_must_not_be_empty');
    given(ledgersOnly()).when(openAccounts([{ ...A.bob, id: 'bob/1' }], NOW)).thenFails('id_malformed');
  });

  it('a non-object item: item_malformed; the other items are still opened', () => {
    given(ledgersOnly()).when(openAccounts([null], NOW)).thenFails('item_malformed');
    const { results, events } = decide(ledgersOnly(), openAccounts([A.bob, 'alice', [A.alice]], NOW));
    expectResults(results, ['ok', 'item_malformed', 'item_malformed']);
    expect(events).toHaveLength(1);
  });

  it('linked accounts open together; a failure rolls the chain back inside the batch', () => {
    const fresh = (id: string) => ({ id, ledger: 'cny', code: 1, type: 'asset' as const });
    const { results, events } = decide(
      ledgersOnly(),
      openAccounts([linked(fresh('n1')), linked(fresh('n2')), { ...fresh('n3'), type: 'bogus' }, fresh('n1'), linked(fresh('n4')), fresh('n5')], NOW),
    );
    // n1 was rolled back with its chain, so opening it again later in the batch is `ok`, not `exists`.
    expectResults(results, ['linked_event_failed', 'linked_event_failed', 'account_type_invalid', 'ok', 'ok', 'ok']);
    expect(events).toEqual([
      opened(
        { ...fresh('n1'), tenant: '', metadata: {}, flags: [], overdraftLimit: '0.00', timestamp: accountTs(3) },
        { ...fresh('n4'), tenant: '', metadata: {}, flags: [], overdraftLimit: '0.00', timestamp: accountTs(4) },
        { ...fresh('n5'), tenant: '', metadata: {}, flags: [], overdraftLimit: '0.00', timestamp: accountTs(5) },
      ),
    ]);
    given(ledgersOnly()).when(openAccounts([linked(fresh('n1')), { ...fresh('n2'), code: 0 }], NOW)).thenFails('code_must_not_be_zero');
  });

  it('the last account of a batch flagged linked: linked_event_chain_open', () => {
    given(ledgersOnly()).when(openAccounts([linked(A.bob)], NOW)).thenFails('linked_event_chain_open');
    const { results } = decide(ledgersOnly(), openAccounts([A.alice, linked(A.bob), linked(A.carol)], NOW));
    expectResults(results, ['ok', 'linked_event_failed', 'linked_event_chain_open']);
  });
});

describe('closing and reopening accounts', () => {
  it('closes an account: ok', () => {
    given(openBook())
      .when(closeAccounts(['bob', 'opex'], NOW))
      .then([{ type: 'AccountsClosed', data: { accounts: [{ id: 'bob', timestamp: accountTs(0) }, { id: 'opex', timestamp: accountTs(1) }] } }]);
  });

  it('reopens a closed account: ok', () => {
    given(history(defineLedgers(CNY), openAccounts([A.bob]), closeAccounts(['bob'], at(1))))
      .when(reopenAccounts(['bob'], NOW))
      .then([{ type: 'AccountsReopened', data: { accounts: [{ id: 'bob', timestamp: accountTs(0) }] } }]);
  });

  it('thenState: a closed account is marked closed, a reopened one open', () => {
    given(openBook())
      .when(closeAccounts(['bob'], NOW))
      .thenState((state) => {
        expect(state.accounts.get('bob')?.closed).toBe(true);
        expect(state.accounts.get('alice')?.closed).toBe(false);
      });
  });

  it('an unknown account: account_not_found (closing and reopening)', () => {
    given(openBook()).when(closeAccounts(['nobody'], NOW)).thenFails('account_not_found');
    given(openBook()).when(reopenAccounts(['nobody'], NOW)).thenFails('account_not_found');
  });

  it('closing a closed account: account_already_closed (also twice in one batch)', () => {
    const closed = extend(openBook(), closeAccounts(['bob'], at(1)));
    given(closed).when(closeAccounts(['bob'], NOW)).thenFails('account_already_closed');
    const { results, events } = decide(openBook(), closeAccounts(['bob', 'bob'], NOW));
    expectResults(results, ['ok', 'account_already_closed']);
    expect(events).toEqual([{ type: 'AccountsClosed', data: { accounts: [{ id: 'bob', timestamp: accountTs(0) }] } }]);
  });

  it('reopening an open account: account_not_closed (also after a reopen in the same batch)', () => {
    given(openBook()).when(reopenAccounts(['bob'], NOW)).thenFails('account_not_closed');
    const closed = extend(openBook(), closeAccounts(['bob'], at(1)));
    expectResults(decide(closed, reopenAccounts(['bob', 'bob'], NOW)).results, ['ok', 'account_not_closed']);
  });

  it('an account with holds on either side: account_has_pending_transfers; after the void it closes', () => {
    const held = extend(openBook(), createTransfers([hold('h1', 'bank-cash', 'bob', '10.00')], at(1)));
    given(held).when(closeAccounts(['bob'], NOW)).thenFails('account_has_pending_transfers');
    given(held).when(closeAccounts(['bank-cash'], NOW)).thenFails('account_has_pending_transfers');
    const voided = extend(held, createTransfers([voidHold('v1', 'h1')], at(2)));
    given(voided)
      .when(closeAccounts(['bob', 'bank-cash'], NOW))
      .then([{ type: 'AccountsClosed', data: { accounts: [{ id: 'bob', timestamp: accountTs(0) }, { id: 'bank-cash', timestamp: accountTs(1) }] } }]);
  });

  it('a missing or malformed id: id_must_not_be_empty / id_malformed', () => {
    given(openBook()).when(closeAccounts([''], NOW)).thenFails('id_must_not_be_empty');
    given(openBook()).when(closeAccounts([undefined], NOW)).thenFails('id_must_not_be_empty');
    given(openBook()).when(closeAccounts([42], NOW)).thenFails('id_malformed');
    given(openBook()).when(reopenAccounts([{ id: 'bob' }], NOW)).thenFails('id_malformed');
  });

  it('mixed results: the valid changes are written', () => {
    const { results, events } = decide(openBook(), closeAccounts(['bob', 'nobody', 'alice'], NOW));
    expectResults(results, ['ok', 'account_not_found', 'ok']);
    expect(events).toEqual([{ type: 'AccountsClosed', data: { accounts: [{ id: 'bob', timestamp: accountTs(0) }, { id: 'alice', timestamp: accountTs(2) }] } }]);
  });
});

describe('batch-level codes', () => {
  const MAX = 10_000;

  it('an empty batch: batch_empty, for every batch command', () => {
    given([]).when(defineLedgers()).thenFails('batch_empty');
    given(ledgersOnly()).when(openAccounts([], NOW)).thenFails('batch_empty');
    given(openBook()).when(closeAccounts([], NOW)).thenFails('batch_empty');
    given(openBook()).when(reopenAccounts([], NOW)).thenFails('batch_empty');
    given(openBook()).when(createTransfers([], NOW)).thenFails('batch_empty');
  });

  it('10,001 items: batch_too_large, for every batch command', () => {
    const many = Array.from({ length: MAX + 1 }, (_, i) => ({ id: `i${i}` }));
    given([]).when(defineLedgerBatch(many)).thenFails('batch_too_large');
    given(ledgersOnly()).when(openAccounts(many, NOW)).thenFails('batch_too_large');
    given(openBook()).when(closeAccounts(many.map((m) => m.id), NOW)).thenFails('batch_too_large');
    given(openBook()).when(reopenAccounts(many.map((m) => m.id), NOW)).thenFails('batch_too_large');
    given(openBook()).when(createTransfers(many, NOW)).thenFails('batch_too_large');
    const error = rejection(openBook(), createTransfers(many, NOW), 'batch_too_large');
    expect(error.results).toEqual([]);
    expect(error.message).toContain('10001 > 10000');
  });

  it('exactly 10,000 items is not too large', () => {
    const many = Array.from({ length: MAX }, (_, i) => ({ id: `c${i}`, ledger: 'cny', code: 1, type: 'asset' }));
    const { results, events } = decide(ledgersOnly(), openAccounts(many, NOW));
    expect(results.every((r) => r.result === 'ok')).toBe(true);
    expect(events[0]?.type === 'AccountsOpened' && events[0].data.accounts.length).toBe(MAX);
  });

  it('a batch that is not an array: item_malformed with no item results', () => {
    const cases = [
      defineLedgerBatch(CNY),
      openAccounts(A.bob, NOW),
      closeAccounts('bob', NOW),
      reopenAccounts(undefined, NOW),
      createTransfers({ 0: { id: 't' }, length: 1 }, NOW),
    ];
    for (const command of cases) {
      const error = rejection(openBook(), command, 'item_malformed');
      expect(error.results).toEqual([]);
      expect(error.message).toContain('the batch must be an array');
    }
  });
});

describe('error messages', () => {
  it('contain the code and the message text of the table', () => {
    const empty = rejection([], defineLedgers(), 'batch_empty');
    expect(empty.message).toBe(`batch_empty: ${ledgerResultMessages.batch_empty}`);
    expect(empty.name).toBe('LedgerError');
    expect(empty).toBeInstanceOf(Error);

    const notFound = rejection(openBook(), closeAccounts(['nobody'], NOW), 'account_not_found');
    expect(notFound.message).toContain('account_not_found');
    expect(notFound.message).toContain(ledgerResultMessages.account_not_found);
    expect(notFound.message).toContain('item 0 (nobody)');
    expect(notFound.results).toEqual([{ index: 0, id: 'nobody', result: 'account_not_found' }]);

    const limit = rejection(ledgersOnly(), openAccounts([{ ...A.bankCash, overdraftLimit: '1' }], NOW), 'overdraft_limit_requires_balance_flag');
    expect(limit.message).toBe(
      `overdraft_limit_requires_balance_flag: ${ledgerResultMessages.overdraft_limit_requires_balance_flag} (item 0 (bank-cash))`,
    );
  });
});
