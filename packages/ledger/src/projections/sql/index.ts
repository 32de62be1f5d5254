/** The ledger read models in SQL (SQLite or PostgreSQL), kept by the projection runner. */
export { ReadModelCorruptError } from './errors.js';
export { ledgerTablesOf, type LedgerTables } from './ledgerTables.js';
export { SqlLedgerProjection } from './sqlLedgerProjection.js';
export { SqlLedgerReadModel, type SqlLedgerReadModelOptions } from './sqlLedgerReadModel.js';
