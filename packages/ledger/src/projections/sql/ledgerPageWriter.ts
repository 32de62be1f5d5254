/**
 * Projects one page of decoded ledger events into the SQL tables, inside the runner's
 * transaction. Per event it asks the seeded {@link LedgerIndex} for the movements (the in-memory
 * projections' logic), then keeps the same facts the in-memory projections keep:
 * - balances: the four fields per account (`applyMovement`);
 * - statement lines: one per movement, running normal-side balance and pending, as in `accountStatement.ts`;
 * - history: the fields after each line and each close / reopen, as `balancesAsOf.ts` does;
 * - ledgers, accounts and open holds, so the next page can be projected without a replay.
 */
import { toBigInt, type SqlExecutor, type SqlValue } from '../../sql/sqlDatabase.js';
import type { AccountRecord, TransferRecord } from '../../ledger/events.js';
import { postedBalance } from '../../ledger/accountView.js';
import { applyMovement, zeroCounters, type Movement } from '../ledgerIndex.js';
import { ProjectionConsistencyError, type EventPosition, type ProjectedEvent } from '../projection.js';
import { loadLedgerFacts, type LedgerFacts, type LoadedAccount } from './ledgerFacts.js';
import { columnsOfFields } from './ledgerRows.js';
import type { LedgerTables } from './ledgerTables.js';
import { insertRows } from './sqlBatches.js';
import { timestampKey } from './timestampKey.js';

const LINE_COLUMNS = [
  'account_id', 'seq', 'at', 'transfer_id', 'occurred_at', 'kind', 'side', 'amount', 'counterparties', 'code',
  'user_data', 'reversal_of', 'pending_id', 'released', 'running_balance', 'running_pending',
  'debits_pending', 'debits_posted', 'credits_pending', 'credits_posted',
] as const;

/** The padded key of an event's timestamp. @throws ProjectionConsistencyError beyond the supported range. */
const keyOf = (nanos: bigint, event: EventPosition): string => {
  const key = timestampKey(nanos);
  if (key === undefined) throw new ProjectionConsistencyError(`timestamp ${nanos} is outside the read model's range`, event);
  return key;
};

/** Writes one page. Create it with {@link LedgerPageWriter.load}, apply every event in order, then {@link flush}. */
export class LedgerPageWriter {
  private readonly lines: SqlValue[][] = [];
  private readonly dirty = new Set<LoadedAccount>();
  private nextSeq: bigint | undefined;

  private constructor(
    private readonly tx: SqlExecutor,
    private readonly tables: LedgerTables,
    private readonly facts: LedgerFacts,
  ) {}

  /** Loads what `events` refer to. */
  static async load(tx: SqlExecutor, tables: LedgerTables, events: readonly ProjectedEvent[]): Promise<LedgerPageWriter> {
    return new LedgerPageWriter(tx, tables, await loadLedgerFacts(tx, tables, events));
  }

  /** Projects one event (events must come in log order). */
  async apply(event: ProjectedEvent): Promise<void> {
    // Always ask the index first: it learns ledgers, accounts and holds from every event.
    const movements = this.facts.index.movementsOf(event);
    switch (event.type) {
      case 'LedgersDefined':
        for (const { id, asset } of event.data.ledgers) {
          await this.tx.query(
            `INSERT INTO ${this.tables.ledgers} (id, asset_code, scale) VALUES ($1, $2, $3)
             ON CONFLICT (id) DO UPDATE SET asset_code = excluded.asset_code, scale = excluded.scale`,
            [id, asset.code, asset.scale],
          );
        }
        return;
      case 'AccountsOpened':
        for (const record of event.data.accounts) await this.open(record, event);
        return;
      case 'AccountsClosed':
      case 'AccountsReopened':
        for (const { id, timestamp } of event.data.accounts) {
          // Like the book and the index: a status change of an unknown account is ignored.
          const account = this.facts.accounts.get(id);
          if (account === undefined) continue;
          account.closed = event.type === 'AccountsClosed';
          await this.tx.query(`INSERT INTO ${this.tables.statuses} (account_id, seq, at, closed) VALUES ($1, $2, $3, $4)`, [
            id,
            account.statusCount,
            keyOf(BigInt(timestamp), event),
            account.closed ? 1 : 0,
          ]);
          account.statusCount += 1n;
          this.dirty.add(account);
        }
        return;
      case 'TransfersCommitted': {
        const holds = new Map<string, TransferRecord>();
        for (const record of event.data.transfers) if (record.kind === 'transfer' && record.flags.includes('pending')) holds.set(record.id, record);
        for (const movement of movements) await this.move(movement, event, holds);
        return;
      }
    }
  }

  /** Writes the buffered lines and the changed accounts. */
  async flush(): Promise<void> {
    await this.flushLines();
    for (const account of this.dirty) {
      await this.tx.query(
        `UPDATE ${this.tables.accounts} SET closed = $2, debits_pending = $3, debits_posted = $4, credits_pending = $5,
         credits_posted = $6, line_count = $7, status_count = $8 WHERE id = $1`,
        [account.id, account.closed ? 1 : 0, ...columnsOfFields(account.counters), account.lineCount, account.statusCount],
      );
    }
    this.dirty.clear();
  }

  private async flushLines(): Promise<void> {
    await insertRows(this.tx, this.tables.lines, LINE_COLUMNS, this.lines);
    this.lines.length = 0;
  }

  private async open(record: AccountRecord, event: ProjectedEvent): Promise<void> {
    const indexed = this.facts.index.account(record.id);
    if (indexed === undefined) throw new ProjectionConsistencyError(`account ${record.id} was not indexed`, event);
    const existing = this.facts.accounts.get(record.id);
    if (existing !== undefined) {
      // Opened again: like the in-memory projections, start it afresh (same opening order).
      await this.flushLines();
      await this.tx.query(`DELETE FROM ${this.tables.lines} WHERE account_id = $1`, [record.id]);
      await this.tx.query(`DELETE FROM ${this.tables.statuses} WHERE account_id = $1`, [record.id]);
      this.dirty.delete(existing);
    }
    const seq = existing?.seq ?? (await this.takeSeq());
    const account: LoadedAccount = { id: record.id, seq, counters: zeroCounters(), closed: false, lineCount: 0n, statusCount: 0n };
    this.facts.accounts.set(record.id, account);
    await this.tx.query(
      `INSERT INTO ${this.tables.accounts} (id, seq, ledger_id, asset_code, scale, code, type, normal_side, opened_at, closed,
         debits_pending, debits_posted, credits_pending, credits_posted, line_count, status_count, record)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, '0', '0', '0', '0', 0, 0, $10)
       ON CONFLICT (id) DO UPDATE SET ledger_id = excluded.ledger_id, asset_code = excluded.asset_code, scale = excluded.scale,
         code = excluded.code, type = excluded.type, normal_side = excluded.normal_side, opened_at = excluded.opened_at,
         closed = 0, debits_pending = '0', debits_posted = '0', credits_pending = '0', credits_posted = '0',
         line_count = 0, status_count = 0, record = excluded.record`,
      [
        record.id,
        seq,
        indexed.ledger.id,
        indexed.assetCode,
        indexed.scale,
        record.code,
        record.type,
        indexed.normalSide,
        keyOf(indexed.openedAt, event),
        JSON.stringify(record),
      ],
    );
  }

  private async takeSeq(): Promise<bigint> {
    if (this.nextSeq === undefined) {
      // Accounts are never deleted, so the count is the next opening number.
      const [row] = await this.tx.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${this.tables.accounts}`);
      this.nextSeq = toBigInt(row?.n ?? 0n);
    }
    const seq = this.nextSeq;
    this.nextSeq += 1n;
    return seq;
  }

  private async move(movement: Movement, event: ProjectedEvent, placed: ReadonlyMap<string, TransferRecord>): Promise<void> {
    const account = this.facts.accounts.get(movement.accountId);
    const indexed = this.facts.index.account(movement.accountId);
    if (account === undefined || indexed === undefined) throw new ProjectionConsistencyError(`unknown account ${movement.accountId}`, event);
    applyMovement(account.counters, movement);
    const { counters } = account;
    const pending =
      indexed.normalSide === 'credit' ? counters.creditsPending - counters.debitsPending : counters.debitsPending - counters.creditsPending;
    this.lines.push([
      account.id,
      account.lineCount,
      keyOf(movement.timestamp, event),
      movement.transferId,
      event.metadata.occurredAt,
      movement.kind,
      movement.side,
      movement.amount.toString(),
      JSON.stringify(movement.counterparties),
      movement.code,
      movement.userData ?? null,
      movement.reversalOf ?? null,
      movement.pendingId ?? null,
      movement.released?.toString() ?? null,
      // Running totals equal the cumulative signed deltas of accountStatement.ts, since both start at zero.
      postedBalance(indexed.normalSide, counters).toString(),
      pending.toString(),
      ...columnsOfFields(counters),
    ]);
    account.lineCount += 1n;
    this.dirty.add(account);
    // Each hold change shows on both sides; record it once, on the debit side.
    if (movement.side === 'debit') await this.trackHold(movement, event, placed);
  }

  private async trackHold(movement: Movement, event: ProjectedEvent, placed: ReadonlyMap<string, TransferRecord>): Promise<void> {
    switch (movement.kind) {
      case 'pending': {
        const record = placed.get(movement.transferId);
        if (record === undefined) throw new ProjectionConsistencyError(`hold ${movement.transferId} is not in its batch`, event);
        // The index replaces a hold placed twice (the book never does it); so do we.
        await this.tx.query(
          `INSERT INTO ${this.tables.holds} (id, ledger_id, debit_account_id, credit_account_id, amount, record) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (id) DO UPDATE SET ledger_id = excluded.ledger_id, debit_account_id = excluded.debit_account_id,
             credit_account_id = excluded.credit_account_id, amount = excluded.amount, record = excluded.record`,
          [record.id, record.ledger, record.debitAccountId, record.creditAccountId, movement.amount.toString(), JSON.stringify(record)],
        );
        return;
      }
      case 'pending_posted':
      case 'pending_voided':
        await this.tx.query(`DELETE FROM ${this.tables.holds} WHERE id = $1`, [movement.pendingId ?? '']);
        return;
      case 'expired':
        await this.tx.query(`DELETE FROM ${this.tables.holds} WHERE id = $1`, [movement.transferId]);
        return;
      case 'posted':
        return;
    }
  }
}
