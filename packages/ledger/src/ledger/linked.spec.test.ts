/**
 * Decider specification of the book: linked chains of transfer-batch items (all or nothing).
 */
import { describe, expect, it } from 'vitest';
import {
  at,
  committed,
  createTransfers,
  creditLeg,
  debitLeg,
  decide,
  expectResults,
  extend,
  fundedBook,
  given,
  hold,
  journal,
  linked,
  NOW,
  postHold,
  rejection,
  reversal,
  stateOf,
  transfer,
  transferRecord,
  ts,
  voidHold,
} from '../../test-kit/ledger/specFixtures.test-support.js';

describe('linked chains', () => {
  it('a chain whose items all succeed: ok for every item, all written', () => {
    given(fundedBook())
      .when(
        createTransfers(
          [
            linked(transfer('c1', 'bank-cash', 'bob', '10.00')),
            linked(transfer('c2', 'bob', 'alice', '510.00')),
            transfer('c3', 'alice', 'opex', '1.00'),
          ],
          NOW,
        ),
      )
      .then([
        committed({
          transfers: [
            transferRecord('c1', 'bank-cash', 'bob', '10.00', ts(0)),
            transferRecord('c2', 'bob', 'alice', '510.00', ts(1)),
            transferRecord('c3', 'alice', 'opex', '1.00', ts(2)),
          ],
        }),
      ]);
  });

  it('items of a chain see the effects of the earlier items (c2 needs the 10.00 c1 brings)', () => {
    expectResults(
      decide(fundedBook(), createTransfers([linked(transfer('c1', 'bank-cash', 'bob', '10.00')), transfer('c2', 'bob', 'alice', '510.00')], NOW)).results,
      ['ok', 'ok'],
    );
  });

  it('a failure in the middle fails the chain and rolls back its earlier effects inside the batch', () => {
    const items = [
      linked(transfer('c1', 'bank-cash', 'bob', '5000.00')),
      linked(transfer('c2', 'bob', 'alice', '10.00')),
      transfer('c3', 'alice', 'alice', '1.00'), // accounts_must_be_different: the chain ends here and fails
      // Unlinked, after the chain: bob only has 500.00 unless c1's 5,000.00 had stayed applied.
      transfer('u1', 'bob', 'opex', '4000.00'),
    ];
    const { results, events } = decide(fundedBook(), createTransfers(items, NOW));
    expectResults(results, ['linked_event_failed', 'linked_event_failed', 'accounts_must_be_different', 'exceeds_credits']);
    expect(events).toEqual([committed({ failed: [{ id: 'u1', code: 'exceeds_credits' }] })]);
    given(fundedBook())
      .when(createTransfers(items, NOW))
      .then([committed({ failed: [{ id: 'u1', code: 'exceeds_credits' }] })]);

    // Control: without the failing item, the same u1 succeeds on c1's money.
    const control = decide(fundedBook(), createTransfers([items[0], items[1], transfer('c3', 'alice', 'opex', '1.00'), items[3]], NOW));
    expectResults(control.results, ['ok', 'ok', 'ok', 'ok']);
  });

  it('a chain that fails on its first item skips the rest of the chain; later items run', () => {
    const { results, events } = decide(
      fundedBook(),
      createTransfers([linked(transfer('c1', 'alice', 'bob', '1.00', { code: 0 })), linked(transfer('c2', 'alice', 'bob', '1.00')), transfer('c3', 'alice', 'bob', '1.00'), transfer('u1', 'alice', 'bob', '1.00')], NOW),
    );
    expectResults(results, ['code_must_not_be_zero', 'linked_event_failed', 'linked_event_failed', 'ok']);
    expect(events).toEqual([committed({ transfers: [transferRecord('u1', 'alice', 'bob', '1.00', ts(3))] })]);
  });

  it('a failed chain alone: the command is rejected with the failing item code, not linked_event_failed', () => {
    const error = rejection(
      fundedBook(),
      createTransfers([linked(transfer('c1', 'alice', 'bob', '1.00')), transfer('c2', 'alice', 'bob', '1.00', { userData: 'u'.repeat(300) })], NOW),
      'user_data_malformed',
    );
    expect(error.results.map((r) => r.result)).toEqual(['linked_event_failed', 'user_data_malformed']);
  });

  it('a rolled-back post leaves the hold pending: a later void in the same batch succeeds', () => {
    const held = extend(fundedBook(), createTransfers([hold('h1', 'alice', 'bob', '100.00')], at(2)));
    const { results, events } = decide(held, createTransfers([linked(postHold('p1', 'h1')), transfer('bad', 'alice', 'alice', '1.00'), voidHold('v1', 'h1')], NOW));
    expectResults(results, ['linked_event_failed', 'accounts_must_be_different', 'ok']);
    expect(events).toEqual([
      committed({ transfers: [transferRecord('v1', 'alice', 'bob', '100.00', ts(2), { flags: ['void_pending_transfer'], pendingId: 'h1', requestedAmount: null })] }),
    ]);
  });

  it('a rolled-back transfer is gone: reversing it later in the batch finds nothing', () => {
    const { results, events } = decide(fundedBook(), createTransfers([linked(transfer('c1', 'alice', 'bob', '1.00')), transfer('bad', 'x', 'x', '1.00'), reversal('r1', 'c1')], NOW));
    expectResults(results, ['linked_event_failed', 'accounts_must_be_different', 'transfer_to_reverse_not_found']);
    expect(events).toEqual([committed({ failed: [{ id: 'r1', code: 'transfer_to_reverse_not_found' }] })]);
  });

  it('a rolled-back reversal leaves the original reversible', () => {
    const { results } = decide(fundedBook(), createTransfers([linked(reversal('r1', 'dep-bob')), transfer('bad', 'x', 'x', '1.00'), reversal('r2', 'dep-bob')], NOW));
    expectResults(results, ['linked_event_failed', 'accounts_must_be_different', 'ok']);
  });

  it('a rolled-back journal entry leaves no balance behind', () => {
    const { results } = decide(
      fundedBook(),
      createTransfers(
        [linked(journal('j1', [debitLeg('bank-cash', '700.00'), creditLeg('bob', '700.00')])), journal('j2', [debitLeg('bob', '1.00')]), transfer('u1', 'bob', 'opex', '600.00')],
        NOW,
      ),
    );
    expectResults(results, ['linked_event_failed', 'journal_entry_too_few_legs', 'exceeds_credits']);
  });

  it('a transient failure inside a chain is still remembered; the other ids of the chain are not', () => {
    const items = [linked(transfer('c1', 'alice', 'bob', '1.00')), transfer('c2', 'alice', 'nobody', '1.00')];
    const { results, events } = decide(fundedBook(), createTransfers(items, NOW));
    expectResults(results, ['linked_event_failed', 'credit_account_not_found']);
    expect(events).toEqual([committed({ failed: [{ id: 'c2', code: 'credit_account_not_found' }] })]);
    const after = extend(fundedBook(), { tolerate: createTransfers(items, at(2)) });
    expect([...stateOf(after).failed.keys()]).toEqual(['c2']);
    expectResults(decide(after, createTransfers([transfer('c1', 'alice', 'bob', '1.00'), transfer('c2', 'alice', 'bob', '1.00')], NOW)).results, ['ok', 'id_already_failed']);
  });

  it('exists inside a chain fails the chain, as in TigerBeetle (the item keeps exists)', () => {
    const { results, events } = decide(fundedBook(), createTransfers([linked(transfer('dep-bob', 'bank-cash', 'bob', '500.00')), transfer('c2', 'bob', 'alice', '1.00')], NOW));
    expectResults(results, ['exists', 'linked_event_failed']);
    expect(events).toEqual([]);
    const last = decide(fundedBook(), createTransfers([linked(transfer('c1', 'bob', 'alice', '1.00')), transfer('dep-bob', 'bank-cash', 'bob', '500.00')], NOW));
    expectResults(last.results, ['linked_event_failed', 'exists']);
    expect(last.events).toEqual([]);
  });

  it('chains are independent: a failing chain does not affect the next chain', () => {
    const { results } = decide(
      fundedBook(),
      createTransfers(
        [
          linked(transfer('a1', 'alice', 'bob', '1.00')),
          transfer('a2', 'alice', 'bob', '9999.00'),
          linked(transfer('b1', 'alice', 'bob', '1.00')),
          transfer('b2', 'bob', 'alice', '1.00'),
        ],
        NOW,
      ),
    );
    expectResults(results, ['linked_event_failed', 'exceeds_credits', 'ok', 'ok']);
  });

  it('the last item of the batch flagged linked: linked_event_chain_open', () => {
    given(fundedBook()).when(createTransfers([linked(transfer('c1', 'alice', 'bob', '1.00'))], NOW)).thenFails('linked_event_chain_open');
    const open = decide(fundedBook(), createTransfers([transfer('u1', 'alice', 'bob', '1.00'), linked(transfer('c1', 'alice', 'bob', '1.00')), linked(transfer('c2', 'alice', 'bob', '1.00'))], NOW));
    expectResults(open.results, ['ok', 'linked_event_failed', 'linked_event_chain_open']);
    expect(open.events).toEqual([committed({ transfers: [transferRecord('u1', 'alice', 'bob', '1.00', ts(0))] })]);
  });

  // Regression: a chain that already failed keeps its last item's own verdict when that item is
  // the last of the batch and still flagged linked (as TigerBeetle reports it).
  it('a failed chain that is still open at the end of the batch: its last item gets linked_event_chain_open', () => {
    const { results } = decide(fundedBook(), createTransfers([linked(transfer('c1', 'alice', 'alice', '1.00')), linked(transfer('c2', 'alice', 'bob', '1.00'))], NOW));
    expect(results.map((r) => r.result)).toEqual(['accounts_must_be_different', 'linked_event_chain_open']);
  });
});
