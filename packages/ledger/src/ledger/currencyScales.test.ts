import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { Book } from './book.js';

const define = async (code: string, scale: number) => {
  const book = await Book.open({ store: createInMemoryEventStore() });
  const outcome = await book.defineLedgers([{ id: 'l', asset: { code, scale } }]);
  if (E.isLeft(outcome)) return outcome.left.code;
  return outcome.right[0]!.result;
};

describe('ledgers: ISO-4217 currencies at their standard scale, anything else a custom asset', () => {
  it.each([
    ['CNY', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['CLF', 4],
    ['EGP', 2],
  ])('%s at scale %i is accepted', async (code, scale) => {
    expect(await define(code, scale)).toBe('ok');
  });

  it.each([
    ['CNY', 3],
    ['JPY', 2],
    ['KWD', 2],
    ['USD', 0],
  ])('%s at scale %i is refused with currency_scale_invalid', async (code, scale) => {
    expect(await define(code, scale)).toBe('currency_scale_invalid');
  });

  it.each([
    ['PTS', 0],
    ['FUNDX', 6],
    ['XAU', 4],
    ['BTC', 8],
  ])('custom asset %s takes its declared scale %i', async (code, scale) => {
    expect(await define(code, scale)).toBe('ok');
  });
});
