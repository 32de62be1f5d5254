import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '@ecoledger/ledger';
import { openFundedWallet, openRoutedBook, ROUTED_LEDGER, settlementOf, walletOf } from '../../test-kit/routedBooks.js';
import { createBookRouter } from './bookRouter.js';
import { routedPostingPort } from './routedPostingPort.js';

const setup = async () => {
  const store = createInMemoryEventStore();
  const router = createBookRouter({ books: ['b1', 'b2'], assignments: { alice: 'b1', bob: 'b2' } });
  const b1 = await openRoutedBook(store, router, 'b1');
  const b2 = await openRoutedBook(store, router, 'b2');
  await openFundedWallet(b1.book, 'b1', 'alice', '100.00');
  await openFundedWallet(b2.book, 'b2', 'bob', '100.00');
  return { store, router, b1, b2, port: routedPostingPort(router, { b1: b1.port, b2: b2.port }) };
};

const hold = (id: string, from: string, to: string) => ({ id, debitAccountId: from, creditAccountId: to, amount: '1.00', ledger: ROUTED_LEDGER, code: 1, flags: { pending: true } });

describe('routed posting port', () => {
  it('sends a request to the book all its items belong to, posts and voids included', async () => {
    const { port, b1, b2 } = await setup();
    expect((await port.createTransfers([hold('h1', walletOf('bob'), settlementOf('b2'))], { commandId: 'c1' })).results[0]?.result).toBe('ok');
    expect(b2.book.holdStatus('h1')).toBe('pending');
    expect(b1.book.holdStatus('h1')).toBeUndefined();
    expect(await port.isHoldPending('h1')).toBe(true);
    expect((await port.findTransfer('h1'))?.id).toBe('h1');
    expect((await port.createTransfers([{ id: 'p1', pendingId: 'h1', flags: { postPendingTransfer: true } }], { commandId: 'c2' })).results[0]?.result).toBe('ok');
    expect(b2.book.account(walletOf('bob'))?.debitsPosted).toBe('1.00');
    expect(await port.isHoldPending('h1')).toBe(false);
  });

  it('refuses a request spanning books and sends nothing anywhere', async () => {
    const { port, b1, b2 } = await setup();
    const before = [b1.book.currentRevision, b2.book.currentRevision];
    expect(await port.createTransfers([hold('x1', walletOf('alice'), walletOf('bob'))], { commandId: 'c1' })).toEqual({ requestError: 'cross_book_request', results: [] });
    expect(
      await port.createTransfers([hold('x2', walletOf('alice'), settlementOf('b1')), hold('x3', walletOf('bob'), settlementOf('b2'))], { commandId: 'c2' }),
    ).toEqual({ requestError: 'cross_book_request', results: [] });
    // A post of a hold in b1 next to a transfer in b2.
    await port.createTransfers([hold('h1', walletOf('alice'), settlementOf('b1'))], { commandId: 'c3' });
    const mid = [b1.book.currentRevision, b2.book.currentRevision];
    expect(
      await port.createTransfers([{ id: 'p1', pendingId: 'h1', flags: { postPendingTransfer: true } }, hold('x4', walletOf('bob'), settlementOf('b2'))], { commandId: 'c4' }),
    ).toEqual({ requestError: 'cross_book_request', results: [] });
    expect(await port.openAccounts([{ id: walletOf('alice'), ledger: ROUTED_LEDGER, code: 2011, type: 'liability' }, { id: walletOf('bob'), ledger: ROUTED_LEDGER, code: 2011, type: 'liability' }], { commandId: 'c5' })).toEqual({ requestError: 'cross_book_request', results: [] });
    expect([b1.book.currentRevision, b2.book.currentRevision]).toEqual(mid);
    expect(mid[1]).toBe(before[1]);
  });

  it('refuses accounts and holds no book knows', async () => {
    const { port } = await setup();
    expect((await port.createTransfers([hold('x1', 'bank:b7:settlement', settlementOf('b1'))], { commandId: 'c1' })).requestError).toBe('account_unroutable');
    expect((await port.createTransfers([{ id: 'p1', pendingId: 'nowhere', flags: { postPendingTransfer: true } }], { commandId: 'c2' })).requestError).toBe('account_unroutable');
    expect(await port.isHoldPending('nowhere')).toBe(false);
  });

  it('pages open holds book by book', async () => {
    const { port } = await setup();
    await port.createTransfers([hold('h1', walletOf('alice'), settlementOf('b1')), hold('h2', walletOf('alice'), settlementOf('b1'))], { commandId: 'c1' });
    await port.createTransfers([hold('h3', walletOf('bob'), settlementOf('b2'))], { commandId: 'c2' });
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await port.openHoldsPage(after === undefined ? { limit: 1 } : { limit: 1, after });
      seen.push(...page.items.map((item) => item.id));
      after = page.nextCursor;
    } while (after !== undefined);
    expect(seen).toEqual(['h1', 'h2', 'h3']);
    await expect(port.openHoldsPage({ after: '5:' })).rejects.toThrow('page.after');
  });

  it('needs exactly one port per book', async () => {
    const { router, b1 } = await setup();
    expect(() => routedPostingPort(router, { b1: b1.port })).toThrow('book_router_invalid');
    expect(() => routedPostingPort(router, { b1: b1.port, b2: b1.port, b3: b1.port })).toThrow('book_router_invalid');
  });
});
