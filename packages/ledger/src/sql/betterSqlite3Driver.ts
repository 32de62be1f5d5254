/** The better-sqlite3 constructor, loaded through `requireDriver` so a missing driver is named. */
import type Database from 'better-sqlite3';
import { requireDriver } from '../drivers/index.js';

export const BetterSqlite3: typeof Database = requireDriver<typeof Database>('better-sqlite3');
