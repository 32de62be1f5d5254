import { describe, expect, it } from 'vitest';
import { testEvents } from '../testing/index.js';
import { openEventStore } from './openEventStore.js';

describe('openEventStore(url, { readOnly: true })', () => {
  it('gives a store whose append always rejects with store_read_only (here: memory:)', async () => {
    const store = await openEventStore('memory:', { readOnly: true });
    try {
      await expect(store.append('account-1', testEvents(1), 'any')).rejects.toMatchObject({ code: 'store_read_only' });
      expect(await store.readAll()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('a missing SQLite file is store_not_found; sqlite::memory: has nothing to read either', async () => {
    await expect(openEventStore('sqlite:./no-such-dir-ecoledger/none.db', { readOnly: true })).rejects.toMatchObject({ code: 'store_not_found' });
    await expect(openEventStore('sqlite::memory:', { readOnly: true })).rejects.toMatchObject({ code: 'store_not_found' });
  });
});
