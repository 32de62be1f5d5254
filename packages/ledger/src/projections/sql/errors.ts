/** Errors of the SQL ledger read model. */
import { projectionErrorMessages } from '../../errors.js';

/**
 * A row of the read model does not hold what the projection wrote (bad JSON, a record that does
 * not decode, an unexpected value). Rebuild the projection.
 */
export class ReadModelCorruptError extends Error {
  readonly code = 'read_model_corrupt' as const;
  readonly table: string;
  /** Key of the bad row. */
  readonly id: string;

  constructor(table: string, id: string, reason: string) {
    super(`${projectionErrorMessages.read_model_corrupt}: table ${table}, row "${id}": ${reason}`);
    this.name = 'ReadModelCorruptError';
    this.table = table;
    this.id = id;
  }
}
