/** The `pg` module, loaded through `requireDriver` so a missing driver is named. */
import type pg from 'pg';
import { requireDriver } from '../drivers/index.js';

export const pgDriver: typeof pg = requireDriver<typeof pg>('pg');
