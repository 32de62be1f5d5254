/**
 * Holds the table "Deliberate differences from TigerBeetle" (docs/ARCHITECTURE.md) to the code:
 * every result code it names is one of the book's codes, except the TigerBeetle codes it says the
 * book does not have, which must indeed be absent.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ledgerResultMessages } from '../errors.js';

const here = dirname(fileURLToPath(import.meta.url));
const architecture = readFileSync(join(here, '..', '..', '..', '..', 'docs', 'ARCHITECTURE.md'), 'utf8');
const section = architecture.split('### Deliberate differences from TigerBeetle')[1]?.split('\n#')[0] ?? '';

/** TigerBeetle codes the table says ecoledger does not have. */
const tigerBeetleOnly = [
  'id_must_not_be_zero',
  'id_must_not_be_int_max',
  'imported_event_timestamp_must_postdate_debit_account',
  'overflows_timeout',
  'debits_pending_must_be_zero',
  'reserved_field',
];

describe('deliberate differences from TigerBeetle', () => {
  it('the section exists and has a row per difference', () => {
    expect(section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---')).length).toBeGreaterThan(10);
  });

  it('every code it names is a book code, except the TigerBeetle-only ones, which the book lacks', () => {
    const named = [...section.matchAll(/`([a-z]+(?:_[a-z0-9]+)+)`/g)].map((m) => m[1]!);
    const known = new Set(Object.keys(ledgerResultMessages));
    for (const code of tigerBeetleOnly) {
      expect(named, code).toContain(code);
      expect(known.has(code), code).toBe(false);
    }
    const operations = ['create_accounts', 'create_transfers'];
    for (const code of named.filter((c) => !tigerBeetleOnly.includes(c) && !operations.includes(c))) expect(known.has(code), code).toBe(true);
  });
});
