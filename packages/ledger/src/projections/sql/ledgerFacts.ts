/**
 * What a page of ledger events needs to know from the read model before it can be projected:
 * the ledgers, accounts and open holds its events refer to. They are loaded from SQL and fed into
 * a fresh {@link LedgerIndex} as synthetic events at negative positions (real positions are > 0),
 * so the movements are computed by the in-memory projections' own code (`movementsOf`) rather
 * than by a copy of it: same results, same `ProjectionConsistencyError`s for unknown references.
 * Nothing is replayed from the beginning; the cost is proportional to the page.
 */
import { AccountRecord, TransferRecord, type LedgerRecord } from '../../ledger/events.js';
import type { SqlExecutor } from '../../sql/sqlDatabase.js';
import { LedgerIndex, type BalanceCounters } from '../ledgerIndex.js';
import type { ProjectedEvent } from '../projection.js';
import { fieldsOfColumns, numberOf, parseStored, type AccountRow } from './ledgerRows.js';
import type { LedgerTables } from './ledgerTables.js';
import { selectIn } from './sqlBatches.js';
import { toBigInt } from '../../sql/sqlDatabase.js';

/** An account's mutable projection state during a page; written back at the end. */
export interface LoadedAccount {
  readonly id: string;
  /** Opening order. */
  readonly seq: bigint;
  readonly counters: BalanceCounters;
  closed: boolean;
  /** Number of statement lines (the next line's `seq`). */
  lineCount: bigint;
  /** Number of status changes (the next one's `seq`). */
  statusCount: bigint;
}

/** The facts of a page: an index that knows them, and the accounts' projection state. */
export interface LedgerFacts {
  readonly index: LedgerIndex;
  readonly accounts: Map<string, LoadedAccount>;
}

interface References {
  readonly ledgers: Set<string>;
  readonly accounts: Set<string>;
  readonly holds: Set<string>;
}

/** Adds the ids `event` refers to. */
const collect = (event: ProjectedEvent, refs: References): void => {
  switch (event.type) {
    case 'LedgersDefined':
      return;
    case 'AccountsOpened':
      // Loaded too, should an account be opened twice (the book never does it; the index replaces it).
      for (const account of event.data.accounts) {
        refs.accounts.add(account.id);
        refs.ledgers.add(account.ledger);
      }
      return;
    case 'AccountsClosed':
    case 'AccountsReopened':
      for (const { id } of event.data.accounts) refs.accounts.add(id);
      return;
    case 'TransfersCommitted':
      for (const { id } of event.data.expired) refs.holds.add(id);
      for (const record of event.data.transfers) {
        if (record.kind === 'journal') {
          for (const leg of record.legs) refs.accounts.add(leg.accountId);
          continue;
        }
        refs.accounts.add(record.debitAccountId);
        refs.accounts.add(record.creditAccountId);
        refs.ledgers.add(record.ledger);
        if (record.pendingId !== undefined) refs.holds.add(record.pendingId);
      }
      return;
  }
};

const synthetic = (position: bigint, event: Pick<ProjectedEvent, 'type' | 'data'>): ProjectedEvent =>
  ({ ...event, streamName: '$sql-read-model', revision: 0n, position, metadata: { occurredAt: '' } }) as ProjectedEvent;

/** Loads the facts `events` refer to (those that exist: unknown ids are left for the index to reject). */
export const loadLedgerFacts = async (tx: SqlExecutor, tables: LedgerTables, events: readonly ProjectedEvent[]): Promise<LedgerFacts> => {
  const refs: References = { ledgers: new Set(), accounts: new Set(), holds: new Set() };
  for (const event of events) collect(event, refs);

  const holdRows = await selectIn<{ id: string; record: string }>(tx, `SELECT id, record FROM ${tables.holds} WHERE id`, refs.holds);
  const holds = holdRows.map((row) => parseStored(TransferRecord, row.record, tables.holds, row.id));
  for (const hold of holds) {
    if (hold.kind !== 'transfer') continue;
    refs.accounts.add(hold.debitAccountId);
    refs.accounts.add(hold.creditAccountId);
    refs.ledgers.add(hold.ledger);
  }
  const accountRows = await selectIn<AccountRow>(tx, `SELECT * FROM ${tables.accounts} WHERE id`, refs.accounts);
  for (const row of accountRows) refs.ledgers.add(row.ledger_id);
  const ledgerRows = await selectIn<{ id: string; asset_code: string; scale: unknown }>(tx, `SELECT * FROM ${tables.ledgers} WHERE id`, refs.ledgers);

  const ledgers: LedgerRecord[] = ledgerRows.map((row) => ({ id: row.id, asset: { code: row.asset_code, scale: numberOf(row.scale) } }));
  const records = accountRows.map((row) => parseStored(AccountRecord, row.record, tables.accounts, row.id));
  const index = new LedgerIndex();
  index.movementsOf(synthetic(-3n, { type: 'LedgersDefined', data: { ledgers } }));
  index.movementsOf(synthetic(-2n, { type: 'AccountsOpened', data: { accounts: records } }));
  // Re-placing the open holds registers them; their movements are already in the tables.
  index.movementsOf(synthetic(-1n, { type: 'TransfersCommitted', data: { expired: [], transfers: holds, failed: [] } }));

  const accounts = new Map<string, LoadedAccount>();
  for (const row of accountRows) {
    accounts.set(row.id, {
      id: row.id,
      seq: toBigInt(row.seq),
      counters: { ...fieldsOfColumns(row) },
      closed: toBigInt(row.closed) !== 0n,
      lineCount: toBigInt(row.line_count),
      statusCount: toBigInt(row.status_count),
    });
  }
  return { index, accounts };
};
