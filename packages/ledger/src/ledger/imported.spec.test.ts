/**
 * Decider specification of the book: importing history with user-given timestamps (TigerBeetle's
 * `imported` flag), for migrating a legacy core. The first item decides whether a batch imports;
 * imported timestamps are nanoseconds, unique and strictly increasing across the whole book (one
 * timeline for accounts and transfers), after the book's last timestamp and before its clock.
 */
import { describe, expect, it } from 'vitest';
import { decideTransferGroup } from './decideTransfers.js';
import type { AccountRecord } from './events.js';
import {
  A,
  at,
  committed,
  createTransfers,
  decide,
  defineLedgers,
  CNY,
  expectItemFails,
  expectResults,
  extend,
  fundedBook,
  given,
  history,
  hold,
  journal,
  debitLeg,
  creditLeg,
  NOW,
  openAccounts,
  postHold,
  stateOf,
  transfer,
  transferRecord,
} from '../../test-kit/ledger/specFixtures.test-support.js';

const imported = <T extends Record<string, unknown>>(item: T, timestamp: bigint | string): T => ({
  ...item,
  timestamp: timestamp.toString(),
  flags: { ...(item['flags'] as Record<string, unknown> | undefined), imported: true },
});
/** The book's last timestamp after {@link fundedBook}: imported items must come after it. */
const LAST = () => stateOf(fundedBook()).lastTimestamp;

describe('imported transfers', () => {
  it('keep their own timestamps, strictly increasing, and carry the imported flag', () => {
    const t1 = LAST() + 10n;
    const t2 = LAST() + 20n;
    given(fundedBook())
      .when(createTransfers([imported(transfer('m1', 'alice', 'bob', '1.00'), t1), imported(transfer('m2', 'bob', 'alice', '2.00'), t2)], NOW))
      .then([
        committed({
          transfers: [
            transferRecord('m1', 'alice', 'bob', '1.00', t1.toString(), { flags: ['imported'] }),
            transferRecord('m2', 'bob', 'alice', '2.00', t2.toString(), { flags: ['imported'] }),
          ],
        }),
      ]);
    const after = extend(fundedBook(), createTransfers([imported(transfer('m1', 'alice', 'bob', '1.00'), t1)], NOW));
    expect(stateOf(after).lastTimestamp).toBe(t1);
    // Ordinary batches continue after the imported history.
    given(after).when(createTransfers([transfer('n1', 'alice', 'bob', '1.00')], t1 - 5n)).then([committed({ transfers: [transferRecord('n1', 'alice', 'bob', '1.00', (t1 + 2n).toString())] })]);
  });

  it('the first item decides: imported_event_expected / imported_event_not_expected', () => {
    const { results } = decide(fundedBook(), createTransfers([imported(transfer('m1', 'alice', 'bob', '1.00'), LAST() + 1n), transfer('m2', 'alice', 'bob', '1.00')], NOW));
    expectResults(results, ['ok', 'imported_event_expected']);
    const other = decide(fundedBook(), createTransfers([transfer('m1', 'alice', 'bob', '1.00'), imported(transfer('m2', 'alice', 'bob', '1.00'), LAST() + 1n)], NOW));
    expectResults(other.results, ['ok', 'imported_event_not_expected']);
  });

  it('only imported items carry a timestamp: timestamp_must_be_zero', () => {
    expectItemFails(fundedBook(), { ...transfer('m1', 'alice', 'bob', '1.00'), timestamp: '5' }, 'timestamp_must_be_zero');
  });

  it.each([['0'], ['-1'], ['1.5'], ['abc'], [(2n ** 63n).toString()], [undefined], [12]])('timestamp %s: imported_event_timestamp_out_of_range', (timestamp) => {
    expectItemFails(fundedBook(), { ...imported(transfer('m1', 'alice', 'bob', '1.00'), '1'), timestamp }, 'imported_event_timestamp_out_of_range');
  });

  it('a timestamp at or after the batch instant: imported_event_timestamp_must_not_advance', () => {
    // A one-item batch decided at NOW has the instant NOW + 1.
    expectItemFails(fundedBook(), imported(transfer('m1', 'alice', 'bob', '1.00'), NOW + 1n), 'imported_event_timestamp_must_not_advance');
    expectResults(decide(fundedBook(), createTransfers([imported(transfer('m1', 'alice', 'bob', '1.00'), NOW)], NOW)).results, ['ok']);
  });

  it('a timestamp at or before the last one of the book: imported_event_timestamp_must_not_regress', () => {
    expectItemFails(fundedBook(), imported(transfer('m1', 'alice', 'bob', '1.00'), LAST()), 'imported_event_timestamp_must_not_regress');
    expectItemFails(fundedBook(), imported(transfer('m1', 'alice', 'bob', '1.00'), at(0)), 'imported_event_timestamp_must_not_regress');
    // ...and within a batch: each item after the one before.
    const { results } = decide(
      fundedBook(),
      createTransfers([imported(transfer('m1', 'alice', 'bob', '1.00'), LAST() + 5n), imported(transfer('m2', 'alice', 'bob', '1.00'), LAST() + 5n)], NOW),
    );
    expectResults(results, ['ok', 'imported_event_timestamp_must_not_regress']);
  });

  it('the idempotency check comes first: a re-imported batch answers exists', () => {
    const t1 = LAST() + 10n;
    const done = extend(fundedBook(), createTransfers([imported(transfer('m1', 'alice', 'bob', '1.00'), t1)], NOW));
    given(done).when(createTransfers([imported(transfer('m1', 'alice', 'bob', '1.00'), t1)], NOW)).thenNothingHappened();
  });

  it('an imported hold cannot time out: imported_event_timeout_must_be_zero; without a timeout it can be imported and posted', () => {
    expectItemFails(fundedBook(), imported(hold('mh', 'alice', 'bob', '5.00', { timeout: 60 }), LAST() + 1n), 'imported_event_timeout_must_be_zero');
    const held = extend(fundedBook(), createTransfers([imported(hold('mh', 'alice', 'bob', '5.00'), LAST() + 1n)], NOW));
    given(held)
      .when(createTransfers([imported(postHold('mp', 'mh'), LAST() + 2n)], NOW))
      .then([committed({ transfers: [transferRecord('mp', 'alice', 'bob', '5.00', (LAST() + 2n).toString(), { flags: ['post_pending_transfer', 'imported'], pendingId: 'mh', requestedAmount: null })] })]);
    expectItemFails(held, imported(postHold('mp', 'mh'), LAST()), 'imported_event_timestamp_must_not_regress');
  });

  it('journal entries are not imported: imported_event_expected in an imported batch, journal_entry_flags_not_allowed when flagged', () => {
    const j = journal('j1', [debitLeg('alice', '1.00'), creditLeg('bob', '1.00')]);
    expectResults(decide(fundedBook(), createTransfers([imported(transfer('m1', 'alice', 'bob', '1.00'), LAST() + 1n), j], NOW)).results, ['ok', 'imported_event_expected']);
    expectItemFails(fundedBook(), imported(j, LAST() + 1n), 'journal_entry_flags_not_allowed');
  });

  it('an imported batch does not expire holds (expiry belongs to the book clock)', () => {
    const timed = extend(fundedBook(), createTransfers([hold('h1', 'alice', 'bob', '5.00', { timeout: 1 })], at(2)));
    const last = stateOf(timed).lastTimestamp;
    const { events } = decide(timed, createTransfers([imported(transfer('m1', 'alice', 'bob', '1.00'), last + 1n)], at(100)));
    expect(events).toEqual([committed({ transfers: [transferRecord('m1', 'alice', 'bob', '1.00', (last + 1n).toString(), { flags: ['imported'] })] })]);
    // The hold is still pending: the next ordinary batch expires it.
    expect(stateOf(extend(timed, createTransfers([imported(transfer('m1', 'alice', 'bob', '1.00'), last + 1n)], at(100)))).pendingStatus.get('h1')).toBe('pending');
  });
});

describe('imported transfers in a group commit', () => {
  it('an imported batch after one that only expired holds must come after the expiry instant', () => {
    const timed = extend(fundedBook(), createTransfers([hold('h1', 'alice', 'bob', '5.00', { timeout: 1 })], at(2)));
    const [first, second, third] = decideTransferGroup(
      stateOf(timed),
      [[transfer('bad', 'alice', 'alice', '1.00')], [imported(transfer('m1', 'alice', 'bob', '1.00'), at(100))], [imported(transfer('m2', 'alice', 'bob', '1.00'), at(100) + 1n)]],
      at(100),
    );
    expect(first!.event?.data.expired).toEqual([{ id: 'h1', timestamp: at(100).toString() }]);
    expectResults(second!.results, ['imported_event_timestamp_must_not_regress']);
    expectResults(third!.results, ['ok']);
  });
});

describe('imported accounts', () => {
  const book = () => history(defineLedgers(CNY));
  const account = (id: string, timestamp: bigint) => imported({ ...A.bankCash, id }, timestamp);
  const record = (id: string, timestamp: bigint): AccountRecord => ({
    id,
    ledger: 'cny',
    code: 1001,
    type: 'asset',
    tenant: '',
    metadata: {},
    flags: ['imported'],
    overdraftLimit: '0.00',
    timestamp: timestamp.toString(),
  });

  it('keep their own timestamps and carry the imported flag', () => {
    given(book())
      .when(openAccounts([account('x1', 100n), account('x2', 200n)], NOW))
      .then([{ type: 'AccountsOpened', data: { accounts: [record('x1', 100n), record('x2', 200n)] } }]);
  });

  it('the batch-level rules and timestamps hold for accounts too', () => {
    expectResults(decide(book(), openAccounts([account('x1', 100n), A.bankCash], NOW)).results, ['ok', 'imported_event_expected']);
    expectResults(decide(book(), openAccounts([A.bankCash, account('x1', 100n)], NOW)).results, ['ok', 'imported_event_not_expected']);
    expectResults(decide(book(), openAccounts([{ ...A.bankCash, timestamp: '7' }], NOW)).results, ['timestamp_must_be_zero']);
    expectResults(decide(book(), openAccounts([account('x1', 0n)], NOW)).results, ['imported_event_timestamp_out_of_range']);
    expectResults(decide(book(), openAccounts([account('x1', NOW)], NOW)).results, ['imported_event_timestamp_must_not_advance']);
    expectResults(decide(book(), openAccounts([account('x1', 200n), account('x2', 200n)], NOW)).results, ['ok', 'imported_event_timestamp_must_not_regress']);
    const opened = extend(book(), openAccounts([account('x1', 200n)], NOW));
    expectResults(decide(opened, openAccounts([account('x2', 150n)], NOW)).results, ['imported_event_timestamp_must_not_regress']);
    // exists comes first: the same import again.
    expectResults(decide(opened, openAccounts([account('x1', 200n)], NOW)).results, ['exists']);
  });
});
