import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { MAX_PAGE_SIZE } from '../limits.js';
import { AccountBalancesProjection } from '../projections/accountBalances.js';
import { AccountStatementProjection } from '../projections/accountStatement.js';
import { BalancesAsOfProjection } from '../projections/balancesAsOf.js';
import { logEventOf, scenario } from '../../test-kit/projections/testFixtures.js';
import { Book } from './book.js';
import { pageOf, type Page, type PageRequest } from './page.js';
import { QueryArgumentError } from './queryArgumentError.js';

/** Every item of every page, from no cursor until there is none. */
const walk = <T>(read: (page: PageRequest) => Page<T>, limit: number): T[] => {
  const all: T[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = read(after === undefined ? { limit } : { limit, after });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    all.push(...page.items);
    if (page.nextCursor === undefined) return all;
    after = page.nextCursor;
  }
  throw new Error('the pages never ended');
};

describe('pages', () => {
  it('property: walking every page yields every item exactly once, in order (with skipped items)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (list, limit) => {
        const keep = (n: number) => (n % 3 === 0 ? undefined : n);
        expect(walk((page) => pageOf(list, page, keep), limit)).toEqual(list.filter((n) => keep(n) !== undefined));
      }),
    );
  });

  it('property: a cursor is given only when a kept item follows, so no page after the first is empty', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (kept, limit) => {
        const keep = (k: boolean) => (k ? k : undefined);
        let page = pageOf(kept, { limit }, keep);
        let pages = 1;
        while (page.nextCursor !== undefined) {
          // The cursor is the position of the next kept item, as a SQL keyset read gives it.
          expect(kept[Number(page.nextCursor)]).toBe(true);
          page = pageOf(kept, { limit, after: page.nextCursor }, keep);
          pages++;
          expect(page.items.length).toBeGreaterThan(0);
        }
        expect(pages).toBe(Math.max(1, Math.ceil(kept.filter(Boolean).length / limit)));
      }),
    );
  });

  it('the book lists its accounts page by page', async () => {
    const book = await Book.open({ store: createInMemoryEventStore() });
    await book.defineLedgers([{ id: 'cny', asset: { code: 'CNY', scale: 2 } }]);
    const ids = Array.from({ length: 257 }, (_, i) => `acct-${i}`);
    await book.openAccounts(ids.map((id) => ({ id, ledger: 'cny', code: 2011, type: 'liability' as const })));
    expect(book.accountsPage().items).toHaveLength(100);
    expect(walk((page) => book.accountsPage(page), 50).map((a) => a.id)).toEqual(ids);
    // Accounts opened between pages appear at the end, the walk stays exact.
    const first = book.accountsPage({ limit: 200 });
    await book.openAccounts([{ id: 'late', ledger: 'cny', code: 2011, type: 'liability' }]);
    const rest = book.accountsPage({ limit: MAX_PAGE_SIZE, after: first.nextCursor! });
    expect([...first.items, ...rest.items].map((a) => a.id)).toEqual([...ids, 'late']);
  });

  it('projections: balances, balances as of an instant, statements', () => {
    const { events } = scenario();
    const balances = new AccountBalancesProjection();
    const asOf = new BalancesAsOfProjection();
    const statements = new AccountStatementProjection();
    for (const projection of [balances, asOf, statements]) projection.applyAll(events.map(logEventOf));
    for (const limit of [1, 2, 7]) {
      expect(walk((page) => balances.balancesPage(page), limit)).toEqual(balances.balances());
      expect(walk((page) => asOf.balancesAsOfPage(10n ** 30n, page), limit)).toEqual(asOf.balancesAsOf(10n ** 30n));
      const whole = statements.statementOf('alice')!;
      const lines = walk((page) => {
        const statement = statements.statementPage('alice', {}, page)!;
        return statement.nextCursor === undefined ? { items: statement.lines } : { items: statement.lines, nextCursor: statement.nextCursor };
      }, limit);
      expect(lines).toEqual(whole.lines);
    }
    // A page's opening balance is the running balance before its first line.
    const second = statements.statementPage('alice', {}, { limit: 1, after: '1' })!;
    expect(second.openingBalance).toBe(statements.statementOf('alice')!.lines[0]!.runningBalance);
  });

  it.each([
    [{ limit: 0 }, 'page.limit'],
    [{ limit: MAX_PAGE_SIZE + 1 }, 'page.limit'],
    [{ limit: 1.5 }, 'page.limit'],
    [{ limit: '10' }, 'page.limit'],
    [{ after: 'abc' }, 'page.after'],
    [{ after: 5 }, 'page.after'],
    [{ afer: '5' }, 'page.afer'],
    [null, 'page'],
    ['10', 'page'],
  ])('an invalid page request %j is a QueryArgumentError naming %s', async (request, argument) => {
    const book = await Book.open({ store: createInMemoryEventStore() });
    let thrown: unknown;
    try {
      book.accountsPage(request as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(QueryArgumentError);
    expect(thrown).toMatchObject({ code: 'query_invalid', argument });
  });
});
