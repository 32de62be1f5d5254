/**
 * Set-at-a-time statements with a bounded number of distinct SQL texts: lists are cut into chunks
 * whose sizes are powers of two (padded by repeating the last id for `IN`), so a driver that caches
 * prepared statements by text (the SQLite adapter does) keeps a handful per query.
 */
import type { SqlExecutor, SqlRow, SqlValue } from '../../sql/sqlDatabase.js';
import { SQL_MAX_CHUNK as MAX_CHUNK } from '../../limits.js';


/** The largest power of two <= min(n, max). */
const chunkSize = (n: number, max: number): number => {
  let size = 1;
  while (size * 2 <= Math.min(n, max)) size *= 2;
  return size;
};

const placeholders = (count: number, from = 1): string => Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');

/** Runs `${select} IN (...)` over `ids` (any number, duplicates allowed) and returns every row. */
export const selectIn = async <Row extends SqlRow>(tx: SqlExecutor, select: string, ids: Iterable<string>): Promise<Row[]> => {
  const list = [...new Set(ids)];
  const rows: Row[] = [];
  for (let start = 0; start < list.length; ) {
    const remaining = list.length - start;
    // Round up to a power of two by repeating the last id: fewer distinct statements.
    let size = chunkSize(remaining, MAX_CHUNK);
    if (size < remaining && size < MAX_CHUNK) size *= 2;
    const chunk = list.slice(start, start + size);
    const params: string[] = [...chunk];
    while (params.length < size) params.push(chunk[chunk.length - 1] as string);
    rows.push(...(await tx.query<Row>(`${select} IN (${placeholders(size)})`, params)));
    start += chunk.length;
  }
  return rows;
};

/** Inserts `rows` (each with one value per column) into `table`, several rows per statement. */
export const insertRows = async (tx: SqlExecutor, table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void> => {
  const width = columns.length;
  const maxRows = Math.max(1, Math.floor(MAX_CHUNK * 4 / width));
  for (let start = 0; start < rows.length; ) {
    const size = chunkSize(rows.length - start, maxRows);
    const values = Array.from({ length: size }, (_, r) => `(${placeholders(width, r * width + 1)})`).join(', ');
    const params = rows.slice(start, start + size).flat();
    await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, params);
    start += size;
  }
};
