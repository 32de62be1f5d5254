/**
 * Hand-built `RecordedEvent` fixtures for the projection tests (not exported from the package).
 * The scenario covers a CNY ledger (scale 2) and a JPY ledger (scale 0): a deposit, holds, a partial
 * post, a void, an expiry, a three-leg journal entry, reversals of a transfer and of a journal entry.
 */
import type { RecordedEvent } from '../../src/eventStore/envelope.js';
import type { LedgerEvent } from '../../src/ledger/events.js';
import { decodeLedgerEvent } from '../../src/projections/ledgerReadModel.js';
import { isLedgerEventType, type LogEvent } from '../../src/projections/projection.js';

/** 2026-01-01T00:00:00Z in nanoseconds: the scenario's time origin. */
export const T0 = 1_767_225_600_000_000_000n;
const SECOND = 1_000_000_000n;

/** `T0 + offset` nanoseconds, as a bigint. */
export const at = (offset: bigint | number): bigint => T0 + BigInt(offset);
/** `T0 + offset` nanoseconds, as the decimal string events carry. */
export const ts = (offset: bigint | number): string => at(offset).toString();
/** ISO form of a nanosecond instant (millisecond precision). */
export const isoOf = (nanos: bigint): string => new Date(Number(nanos / 1_000_000n)).toISOString();

/** Appends events to an in-memory log, numbering revisions per stream and global positions. */
export class EventLog {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, bigint>();
  private nextPosition: bigint;

  /** Positions start at `first` and grow by `step` (gaps on purpose: consumers must not assume contiguity). */
  constructor(
    private readonly step = 10n,
    first = 10n,
  ) {
    this.nextPosition = first;
  }

  /** Records an event; `occurredAt` defaults to now-ish: the ISO form of `at(0)`. */
  record(type: string, data: unknown, options: { stream?: string; occurredAt?: string; version?: number } = {}): RecordedEvent {
    const streamName = options.stream ?? 'ledger-book-main';
    const revision = this.revisions.get(streamName) ?? 0n;
    this.revisions.set(streamName, revision + 1n);
    const position = this.nextPosition;
    this.nextPosition += this.step;
    const event: RecordedEvent = {
      id: `00000000-0000-4000-8000-${position.toString().padStart(12, '0')}`,
      type,
      version: options.version ?? 1,
      data,
      metadata: {
        correlationId: 'c-1',
        causationId: 'c-1',
        tenant: 'bank',
        actor: 'tester',
        channel: 'system',
        occurredAt: options.occurredAt ?? isoOf(T0),
      },
      streamName,
      revision,
      position,
    };
    this.events.push(event);
    return event;
  }

  /** Records a ledger event. */
  ledger(event: LedgerEvent, occurredAt?: string): RecordedEvent {
    return this.record(event.type, event.data, occurredAt === undefined ? {} : { occurredAt });
  }
}

/** A recorded event as a standalone projection takes it: ledger events decoded, others as they are. */
export const logEventOf = (recorded: RecordedEvent): LogEvent => (isLedgerEventType(recorded.type) ? decodeLedgerEvent(recorded) : recorded);

const account = (
  id: string,
  ledger: string,
  code: number,
  type: 'asset' | 'liability' | 'equity' | 'income' | 'expense',
  timestamp: string,
  extra: { flags?: ('debits_must_not_exceed_credits' | 'credits_must_not_exceed_debits')[]; overdraftLimit?: string } = {},
) => ({
  id,
  ledger,
  code,
  type,
  tenant: 'bank',
  metadata: {},
  flags: extra.flags ?? [],
  overdraftLimit: extra.overdraftLimit ?? '0',
  timestamp,
});

/** The second batch's base instant: two seconds after T0, past h3's one-second timeout. */
export const BATCH2 = 2n * SECOND;

/** Occurred-at of the first and second transfer batches. */
export const OCCURRED = { batch1: isoOf(at(2000)), batch2: isoOf(at(BATCH2)) } as const;

/**
 * The scenario, at positions 10, 20, ... on stream `ledger-book-main`, with one foreign event at
 * position 30. Expected numbers are worked out in the tests.
 */
export const scenario = (): EventLog => {
  const log = new EventLog();
  log.ledger({
    type: 'LedgersDefined',
    data: {
      ledgers: [
        { id: 'cny', asset: { code: 'CNY', scale: 2 } },
        { id: 'jpy', asset: { code: 'JPY', scale: 0 } },
      ],
    },
  });
  log.ledger({
    type: 'AccountsOpened',
    data: {
      accounts: [
        account('cash', 'cny', 1001, 'asset', ts(1000)),
        account('alice', 'cny', 2011, 'liability', ts(1001), { flags: ['debits_must_not_exceed_credits'] }),
        account('bob', 'cny', 2011, 'liability', ts(1002), { flags: ['debits_must_not_exceed_credits'], overdraftLimit: '50' }),
        account('fees', 'cny', 6001, 'income', ts(1003)),
        account('vault', 'jpy', 1001, 'asset', ts(1004)),
        account('carol', 'jpy', 2011, 'liability', ts(1005)),
      ],
    },
  });
  // Someone else's event on the global log: every projection must skip it.
  log.record('OrderPlaced', { orderId: 'o-1', amount: 12.5 }, { stream: 'orders-1' });
  log.ledger(
    {
      type: 'TransfersCommitted',
      data: {
        expired: [],
        transfers: [
          { kind: 'transfer', id: 't1', debitAccountId: 'cash', creditAccountId: 'alice', amount: '100.00', ledger: 'cny', code: 1, flags: [], timestamp: ts(2000) },
          {
            kind: 'transfer',
            id: 'h1',
            debitAccountId: 'alice',
            creditAccountId: 'bob',
            amount: '30.00',
            ledger: 'cny',
            code: 2,
            flags: ['pending'],
            timeout: 10,
            userData: 'order-42',
            timestamp: ts(2001),
          },
          {
            kind: 'transfer',
            id: 'p1',
            debitAccountId: 'alice',
            creditAccountId: 'bob',
            amount: '20.00',
            requestedAmount: '20.00',
            ledger: 'cny',
            code: 2,
            flags: ['post_pending_transfer'],
            pendingId: 'h1',
            timestamp: ts(2002),
          },
          { kind: 'transfer', id: 'h2', debitAccountId: 'alice', creditAccountId: 'fees', amount: '5.00', ledger: 'cny', code: 3, flags: ['pending'], timestamp: ts(2003) },
          {
            kind: 'transfer',
            id: 'v1',
            debitAccountId: 'alice',
            creditAccountId: 'fees',
            amount: '5.00',
            requestedAmount: null,
            ledger: 'cny',
            code: 3,
            flags: ['void_pending_transfer'],
            pendingId: 'h2',
            timestamp: ts(2004),
          },
          { kind: 'transfer', id: 'h3', debitAccountId: 'alice', creditAccountId: 'bob', amount: '7.50', ledger: 'cny', code: 2, flags: ['pending'], timeout: 1, timestamp: ts(2005) },
          {
            kind: 'journal',
            id: 'j1',
            code: 4,
            userData: 'split',
            legs: [
              { accountId: 'alice', side: 'debit', amount: '12.00' },
              { accountId: 'bob', side: 'credit', amount: '10.00' },
              { accountId: 'fees', side: 'credit', amount: '2.00' },
            ],
            timestamp: ts(2006),
          },
          { kind: 'transfer', id: 'y1', debitAccountId: 'vault', creditAccountId: 'carol', amount: '5000', ledger: 'jpy', code: 1, flags: [], timestamp: ts(2007) },
        ],
        failed: [],
      },
    },
    OCCURRED.batch1,
  );
  log.ledger(
    {
      type: 'TransfersCommitted',
      data: {
        expired: [{ id: 'h3', timestamp: ts(BATCH2) }],
        transfers: [
          { kind: 'transfer', id: 'r1', debitAccountId: 'bob', creditAccountId: 'alice', amount: '20.00', ledger: 'cny', code: 2, flags: [], reversalOf: 'p1', timestamp: ts(BATCH2 + 1n) },
          {
            kind: 'journal',
            id: 'r2',
            code: 4,
            reversalOf: 'j1',
            legs: [
              { accountId: 'alice', side: 'credit', amount: '12.00' },
              { accountId: 'bob', side: 'debit', amount: '10.00' },
              { accountId: 'fees', side: 'debit', amount: '2.00' },
            ],
            timestamp: ts(BATCH2 + 2n),
          },
          { kind: 'transfer', id: 'y2', debitAccountId: 'carol', creditAccountId: 'vault', amount: '1234', ledger: 'jpy', code: 5, flags: [], timestamp: ts(BATCH2 + 3n) },
        ],
        failed: [{ id: 'x1', code: 'exceeds_credits' }],
      },
    },
    OCCURRED.batch2,
  );
  log.ledger({ type: 'AccountsClosed', data: { accounts: [{ id: 'fees', timestamp: ts(BATCH2 + 10n) }] } }, OCCURRED.batch2);
  return log;
};
