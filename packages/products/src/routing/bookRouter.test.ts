import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookBankAccountId, clearingAccountId, createBookRouter, parseClearingAccountId } from './bookRouter.js';

const codeOf = (run: () => unknown): unknown => {
  try {
    run();
    return 'no error';
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
};

describe('book router', () => {
  const router = createBookRouter({ books: ['b1', 'b2', 'b3'], assignments: { alice: 'b3' } });

  it('puts every account of a customer in one book, and pinned customers where the table says', () => {
    expect(router.bookOf('wallet:alice')).toBe('b3');
    expect(router.bookOf('deposit:alice:term-1')).toBe('b3');
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/), fc.constantFrom('wallet', 'deposit', 'loan'), (customer, product) => {
        const book = router.bookOfCustomer(customer);
        expect(router.books).toContain(book);
        expect(router.bookOf(`${product}:${customer}`)).toBe(book);
        expect(router.bookOf(`${product}:${customer}:x:y`)).toBe(book);
      }),
    );
  });

  it('spreads customers over every book by hash (known answers: the hash is fixed forever)', () => {
    const plain = createBookRouter({ books: ['b1', 'b2', 'b3'] });
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const book = plain.bookOfCustomer(`c${i}`);
      counts.set(book, (counts.get(book) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['b1', 'b2', 'b3']);
    for (const count of counts.values()) expect(count).toBeGreaterThan(800);
    expect(['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((c) => plain.bookOfCustomer(c))).toEqual(['b3', 'b3', 'b2', 'b3', 'b1', 'b2']);
  });

  it('keeps bank accounts in the book they name', () => {
    expect(router.bookOf(bookBankAccountId('b2', 'settlement'))).toBe('b2');
    expect(router.bookOf(clearingAccountId('b1', 'b3'))).toBe('b1');
    expect(parseClearingAccountId(clearingAccountId('b1', 'b3'))).toEqual({ book: 'b1', counterparty: 'b3' });
    expect(parseClearingAccountId(bookBankAccountId('b1', 'settlement'))).toBeUndefined();
  });

  it('refuses accounts that name no book', () => {
    for (const id of ['bank:b9:settlement', 'bank:b1', 'nocolon', 'wallet:', ':alice', 'wallet:al ice', '', 42]) {
      expect(codeOf(() => router.bookOf(id as string)), String(id)).toBe('account_unroutable');
    }
  });

  it('validates its configuration', () => {
    expect(codeOf(() => createBookRouter({ books: [] }))).toBe('book_router_invalid');
    expect(codeOf(() => createBookRouter({ books: ['b1', 'b1'] }))).toBe('book_router_invalid');
    expect(codeOf(() => createBookRouter({ books: ['b:1'] }))).toBe('book_router_invalid');
    expect(codeOf(() => createBookRouter({ books: ['x'.repeat(33)] }))).toBe('book_router_invalid');
    expect(codeOf(() => createBookRouter({ books: Array.from({ length: 257 }, (_, i) => `b${i}`) }))).toBe('book_router_invalid');
    expect(codeOf(() => createBookRouter({ books: ['b1'], assignments: { alice: 'b2' } }))).toBe('book_router_invalid');
    expect(codeOf(() => createBookRouter({ books: ['b1'], assignments: { 'al ice': 'b1' } }))).toBe('book_router_invalid');
    expect(codeOf(() => createBookRouter({ books: ['b1'], shards: 2 } as never))).toBe('field_unknown');
    expect(codeOf(() => createBookRouter(null as never))).toBe('input_not_object');
  });
});
