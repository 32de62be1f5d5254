/**
 * The SQL ledger read model's {@link SqlProjection}: decodes the ledger events of a page (with the
 * book's own schemas, so a corrupt event fails the page with an `EventDecodeError` naming its
 * stream and revision) and hands them to a {@link LedgerPageWriter}. Other event types and other
 * streams are skipped, as in the in-memory `LedgerReadModel`.
 */
import type { RecordedEvent } from '../../eventStore/envelope.js';
import type { SqlExecutor } from '../../sql/sqlDatabase.js';
import { decodeLedgerEvent } from '../ledgerReadModel.js';
import { isLedgerEventType } from '../projection.js';
import type { SqlProjection } from '../runner/sqlProjection.js';
import { LedgerPageWriter } from './ledgerPageWriter.js';
import { createTableStatements, dropTableStatements, type LedgerTables } from './ledgerTables.js';

/** Projects ledger book events into the tables of `tables`. */
export class SqlLedgerProjection implements SqlProjection {
  constructor(
    /** Checkpoint name. */
    readonly name: string,
    private readonly tables: LedgerTables,
    private readonly streams: (streamName: string) => boolean,
  ) {}

  /** Creates the tables if missing. */
  async setUp(tx: SqlExecutor): Promise<void> {
    for (const statement of createTableStatements(this.tables)) await tx.query(statement);
  }

  /** Drops the tables. */
  async reset(tx: SqlExecutor): Promise<void> {
    for (const statement of dropTableStatements(this.tables)) await tx.query(statement);
  }

  /** Projects the page's ledger events. */
  async handle(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    const ledgerEvents = events.filter((event) => isLedgerEventType(event.type) && this.streams(event.streamName)).map(decodeLedgerEvent);
    if (ledgerEvents.length === 0) return;
    const writer = await LedgerPageWriter.load(tx, this.tables, ledgerEvents);
    for (const event of ledgerEvents) await writer.apply(event);
    await writer.flush();
  }
}
