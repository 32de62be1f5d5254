import { afterEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test-kit/projections/testDatabases.test-support.js';
import type { TransferRecord } from '../events.js';
import { createInMemoryClosedPostingIndex, MAX_LOOKUP_IDS, type ClosedPostingIndex } from './closedPostingIndex.js';
import { createSqlClosedPostingIndex } from './sqlClosedPostingIndex.js';

const record = (id: string, amount = '1.00'): TransferRecord => ({
  amount,
  code: 1,
  creditAccountId: 'b',
  debitAccountId: 'a',
  flags: [],
  id,
  kind: 'transfer',
  ledger: 'cny',
  timestamp: '1',
});

type Rig = { index: ClosedPostingIndex; other: () => Promise<ClosedPostingIndex>; done: () => Promise<void> };
const kinds: { name: string; describe: (name: string, fn: () => void) => void; open: () => Promise<Rig> }[] = [
  {
    name: 'in memory',
    describe: (name, fn) => describe(name, fn),
    open: async () => {
      const index = createInMemoryClosedPostingIndex();
      return { index, other: async () => index, done: async () => {} };
    },
  },
  ...databaseKinds.map((kind) => ({
    name: kind.name,
    describe: kind.describe,
    open: async (): Promise<Rig> => {
      const db = await kind.open();
      return { index: createSqlClosedPostingIndex(db.database), other: async () => createSqlClosedPostingIndex(await db.reopen()), done: () => db.teardown() };
    },
  })),
];

for (const kind of kinds) {
  kind.describe(`ClosedPostingIndex contract (${kind.name})`, () => {
    let done: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await done?.();
      done = undefined;
    });

    it('stores entries per book, finds exactly them with their reversal, converges on rewrite, and marks completion separately', async () => {
      const rig = await kind.open();
      done = rig.done;
      const { index } = rig;
      // More than one SQL chunk of rows.
      const many = Array.from({ length: 1_234 }, (_, i) => [`t${i}`, { kind: 'posting', record: record(`t${i}`) }] as const);
      await index.writePeriod('main', {
        period: 0,
        entries: [...many, ['h1', { kind: 'posting', record: { ...record('h1'), flags: ['pending'] }, status: 'posted' }], ['f1', { kind: 'failed', code: 'exceeds_credits' }]],
        reversals: [['t1', 'r1']],
      });
      await index.writePeriod('other', { period: 0, entries: [['t1', { kind: 'failed', code: 'debit_account_not_found' }]], reversals: [] });
      expect(await index.completedPeriods('main')).toEqual(new Set());
      await index.completePeriod('main', 0);
      await index.completePeriod('main', 0);
      const reader = await rig.other();
      expect(await reader.completedPeriods('main')).toEqual(new Set([0]));
      expect(await reader.completedPeriods('other')).toEqual(new Set());
      const found = await reader.lookup('main', ['t1', 't2', 'h1', 'f1', 'nope', 't1233']);
      expect([...found.keys()].sort()).toEqual(['f1', 'h1', 't1', 't1233', 't2']);
      expect(found.get('t1')).toEqual({ entry: { kind: 'posting', record: record('t1') }, period: 0, reversedBy: 'r1' });
      expect(found.get('t2')).toEqual({ entry: { kind: 'posting', record: record('t2') }, period: 0 });
      expect(found.get('h1')?.entry).toMatchObject({ kind: 'posting', status: 'posted' });
      expect(found.get('f1')).toEqual({ entry: { kind: 'failed', code: 'exceeds_credits' }, period: 0 });
      expect((await reader.lookup('other', ['t1'])).get('t1')?.entry).toEqual({ kind: 'failed', code: 'debit_account_not_found' });
      // A later period reverses an older posting; rewriting period 0 changes nothing.
      await index.writePeriod('main', { period: 1, entries: [['r2', { kind: 'posting', record: { ...record('r2'), reversalOf: 't2' } }]], reversals: [['t2', 'r2']] });
      await index.writePeriod('main', { period: 0, entries: many.slice(0, 3), reversals: [['t1', 'r1']] });
      const again = await reader.lookup('main', ['t1', 't2', 'r2']);
      expect(again.get('t1')?.reversedBy).toBe('r1');
      expect(again.get('t2')?.reversedBy).toBe('r2');
      expect(again.get('r2')?.period).toBe(1);
      expect(await reader.lookup('main', [])).toEqual(new Map());
      await expect(reader.lookup('main', Array.from({ length: MAX_LOOKUP_IDS + 1 }, (_, i) => `x${i}`))).rejects.toThrow(RangeError);
    });

    it('keeps command ids per book in their own key space, durably, and a command id keeps the binding of its earliest period whatever the write order', async () => {
      const rig = await kind.open();
      done = rig.done;
      const { index } = rig;
      // More than one SQL chunk of rows; 'c1' is also a posting id (other key space).
      const commands = Array.from({ length: 777 }, (_, i) => [`c${i}`, `fp${i}`] as const);
      await index.writePeriod('main', { period: 1, entries: [['c1', { kind: 'posting', record: record('c1') }]], reversals: [], commands: [['late', 'fp-late-1'], ['c2', 'fp-wrong']] });
      await index.writePeriod('main', { period: 0, entries: [], reversals: [], commands: [...commands, ['late', 'fp-late-0']] });
      await index.writePeriod('other', { period: 0, entries: [], reversals: [], commands: [['c1', 'fp-other']] });
      // A rewrite of period 1 (after period 0) changes nothing; neither does a period without commands.
      await index.writePeriod('main', { period: 1, entries: [], reversals: [], commands: [['late', 'fp-late-1']] });
      await index.writePeriod('main', { period: 2, entries: [['f3', { kind: 'failed', code: 'exceeds_credits' }]], reversals: [] });
      const reader = await rig.other();
      const found = await reader.lookupCommands('main', ['c0', 'c1', 'c2', 'c776', 'late', 'nope', 'c1']);
      expect(found).toEqual(new Map([['c0', 'fp0'], ['c1', 'fp1'], ['c2', 'fp2'], ['c776', 'fp776'], ['late', 'fp-late-0']]));
      expect((await reader.lookupCommands('main', commands.map(([id]) => id))).size).toBe(777);
      expect(await reader.lookupCommands('other', ['c1', 'c2'])).toEqual(new Map([['c1', 'fp-other']]));
      expect(await reader.lookupCommands('nobody', ['c1'])).toEqual(new Map());
      // Postings and command ids never answer for each other.
      expect((await reader.lookup('main', ['c1', 'c0'])).get('c1')?.entry).toEqual({ kind: 'posting', record: record('c1') });
      expect((await reader.lookup('main', ['c0', 'late'])).size).toBe(0);
      expect(await reader.lookupCommands('main', ['f3'])).toEqual(new Map());
      expect(await reader.lookupCommands('main', [])).toEqual(new Map());
      await expect(reader.lookupCommands('main', Array.from({ length: MAX_LOOKUP_IDS + 1 }, (_, i) => `x${i}`))).rejects.toThrow(RangeError);
    });

    it('keeps the seal of each row and of each reversal row, and counts rows per book and per period', async () => {
      const rig = await kind.open();
      done = rig.done;
      const { index } = rig;
      await index.writePeriod('main', {
        period: 0,
        entries: [['t1', { kind: 'posting', record: record('t1') }, { digest: 'a'.repeat(64), keyId: 'k1' }], ['f1', { kind: 'failed', code: 'exceeds_credits' }, { digest: 'b'.repeat(64) }]],
        reversals: [['t1', 'r1', { digest: 'c'.repeat(64), keyId: 'k1' }]],
      });
      await index.writePeriod('main', { period: 1, entries: [['t2', { kind: 'posting', record: record('t2') }]], reversals: [] });
      const found = await (await rig.other()).lookup('main', ['t1', 'f1', 't2']);
      expect(found.get('t1')).toEqual({ entry: { kind: 'posting', record: record('t1') }, period: 0, seal: { digest: 'a'.repeat(64), keyId: 'k1' }, reversedBy: 'r1', reversalSeal: { digest: 'c'.repeat(64), keyId: 'k1' } });
      expect(found.get('f1')?.seal).toEqual({ digest: 'b'.repeat(64) });
      expect(found.get('t2')).toEqual({ entry: { kind: 'posting', record: record('t2') }, period: 1 });
      expect(await index.size('main')).toEqual({ entries: 3, reversals: 1 });
      expect(await index.size('main', 0)).toEqual({ entries: 2, reversals: 1 });
      expect(await index.size('other')).toEqual({ entries: 0, reversals: 0 });
    });
  });
}

describe('SQL closed-posting index made before seals existed', () => {
  it('gets the seal columns added on first use; its old rows read back unsealed', async () => {
    const { sqliteTestDatabase } = await import('../../../test-kit/projections/testDatabases.test-support.js');
    const db = await sqliteTestDatabase();
    try {
      await db.database.query('CREATE TABLE ecoledger_closed_postings (book_id TEXT NOT NULL, id TEXT NOT NULL, period INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (book_id, id)) WITHOUT ROWID');
      await db.database.query('CREATE TABLE ecoledger_closed_reversals (book_id TEXT NOT NULL, original_id TEXT NOT NULL, reversal_id TEXT NOT NULL, PRIMARY KEY (book_id, original_id)) WITHOUT ROWID');
      await db.database.query(`INSERT INTO ecoledger_closed_postings VALUES ('main', 'f1', 0, '{"kind":"failed","code":"exceeds_credits"}')`);
      const index = createSqlClosedPostingIndex(db.database);
      expect((await index.lookup('main', ['f1'])).get('f1')).toEqual({ entry: { kind: 'failed', code: 'exceeds_credits' }, period: 0 });
      await index.writePeriod('main', { period: 1, entries: [['f2', { kind: 'failed', code: 'exceeds_credits' }, { digest: 'd'.repeat(64) }]], reversals: [] });
      expect((await index.lookup('main', ['f2'])).get('f2')?.seal).toEqual({ digest: 'd'.repeat(64) });
    } finally {
      await db.teardown();
    }
  });
});
