/**
 * A request's items, read once into plain, bounded values before anything decides on them. The
 * caller's objects may have getters that throw or answer differently on each read, proxies, or
 * hundreds of thousands of keys; the decider, the fingerprint and the group commit only ever see
 * the copy made here, so one bad request fails alone, with a typed error, and cheaply.
 */
import * as E from 'fp-ts/lib/Either.js';
import { MAX_BATCH_SIZE } from '../limits.js';
import { LedgerError } from './ledgerError.js';

import { MAX_ITEM_DEPTH, MAX_ITEM_FANOUT, MAX_ITEM_NODES } from '../limits.js';

export { MAX_ITEM_DEPTH, MAX_ITEM_FANOUT, MAX_ITEM_NODES };

class TooLarge extends Error {}

/** Keys from the item down to the value being copied: error paths are built from it only on failure. */
type KeyPath = (string | number)[];

const pathText = (root: string, keys: KeyPath): string =>
  keys.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${key.slice(0, 64)}`), root);

/** Copies one value; own enumerable string keys only (as JSON sees an object), `__proto__` kept as a plain key. */
const copyOf = (value: unknown, keys: KeyPath, budget: { nodes: number }): unknown => {
  budget.nodes += 1;
  if (budget.nodes > MAX_ITEM_NODES) throw new TooLarge(`the item holds more than ${MAX_ITEM_NODES} values`);
  if (typeof value !== 'object' || value === null) return value;
  if (keys.length >= MAX_ITEM_DEPTH) throw new TooLarge(`nested deeper than ${MAX_ITEM_DEPTH} levels`);
  if (Array.isArray(value)) {
    const length = value.length;
    if (length > MAX_ITEM_FANOUT) throw new TooLarge(`more than ${MAX_ITEM_FANOUT} elements (${length})`);
    const out: unknown[] = new Array<unknown>(length);
    for (let i = 0; i < length; i++) {
      keys.push(i);
      out[i] = copyOf(value[i], keys, budget);
      keys.pop();
    }
    return out;
  }
  const names = Object.keys(value);
  if (names.length > MAX_ITEM_FANOUT) throw new TooLarge(`more than ${MAX_ITEM_FANOUT} keys (${names.length})`);
  const out: Record<string, unknown> = {};
  for (const name of names) {
    keys.push(name);
    const item = copyOf((value as Record<string, unknown>)[name], keys, budget);
    keys.pop();
    // A `__proto__` key must stay a key: assigning it would set the copy's prototype instead.
    if (name === '__proto__') Object.defineProperty(out, name, { value: item, enumerable: true, writable: true, configurable: true });
    else out[name] = item;
  }
  return out;
};

/**
 * The request's items as plain values, or a typed `item_malformed` naming the item that could not
 * be read or exceeds the bounds above. A value that is not an array, or an array over the batch
 * limit, is returned as it is: the batch checks reject it without reading its items.
 */
export const materialiseItems = (items: unknown, root: string): E.Either<LedgerError, unknown> => {
  let index = -1;
  const keys: KeyPath = [];
  try {
    if (!Array.isArray(items) || items.length > MAX_BATCH_SIZE) return E.right(items);
    const length = items.length;
    const out: unknown[] = new Array<unknown>(length);
    for (index = 0; index < length; index++) out[index] = copyOf(items[index], keys, { nodes: 0 });
    return E.right(out);
  } catch (error) {
    const where = pathText(index < 0 ? `$.${root}` : `$.${root}[${index}]`, keys);
    const reason = error instanceof TooLarge ? error.message : `could not be read: ${error instanceof Error ? error.message : String(error)}`;
    return E.left(new LedgerError('item_malformed', [], `${where}: ${reason}`));
  }
};
