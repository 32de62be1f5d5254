import { afterEach, expect, it } from 'vitest';
import { databaseKinds, type TestDatabase } from '../../../test-kit/projections/testDatabases.test-support.js';
import { CLOSED_INDEX_TABLES, createSqlClosedPostingIndex } from './sqlClosedPostingIndex.js';

for (const kind of databaseKinds) {
  kind.describe(`closed command ids in a database made before their table (${kind.name})`, () => {
    let database: TestDatabase | undefined;
    afterEach(async () => {
      await database?.teardown();
      database = undefined;
    });

    it('creates the command table on first use, keeping the rows already there', async () => {
      database = await kind.open();
      const before = createSqlClosedPostingIndex(database.database);
      await before.writePeriod('main', { period: 0, entries: [['f1', { kind: 'failed', code: 'exceeds_credits' }]], reversals: [] });
      await before.completePeriod('main', 0);
      // What a database written before command ids were kept looks like.
      await database.database.query(`DROP TABLE ${CLOSED_INDEX_TABLES.commands}`);
      const after = createSqlClosedPostingIndex(await database.reopen());
      expect(await after.lookupCommands('main', ['cmd-1'])).toEqual(new Map());
      await after.writePeriod('main', { period: 1, entries: [], reversals: [], commands: [['cmd-1', 'fp-1']] });
      expect(await after.lookupCommands('main', ['cmd-1'])).toEqual(new Map([['cmd-1', 'fp-1']]));
      expect((await after.lookup('main', ['f1'])).get('f1')?.entry).toEqual({ kind: 'failed', code: 'exceeds_credits' });
      expect(await after.completedPeriods('main')).toEqual(new Set([0]));
    });
  });
}
