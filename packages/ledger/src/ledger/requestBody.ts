/**
 * A request's items, read once into plain, bounded values before anything decides on them. The
 * caller's objects may have getters that throw or answer differently on each read, proxies, or
 * hundreds of thousands of keys; the decider, the fingerprint and the group commit only ever see
 * the copy made here, so one bad request fails alone, with a typed error, and cheaply.
 */
import * as E from 'fp-ts/lib/Either.js';
import { MAX_BATCH_SIZE } from './decideTransfers.js';
import { LedgerError } from './ledgerError.js';

/** Deepest nesting inside one item (an item is an object of objects at most a few levels deep). */
export const MAX_ITEM_DEPTH = 16;
/** Most keys of one object, or elements of one array, inside an item (the largest real one: 65 journal legs). */
export const MAX_ITEM_FANOUT = 256;
/** Most values (objects, arrays and leaves) in one item. */
export const MAX_ITEM_NODES = 4_096;

class TooLarge extends Error {}

/** Copies one value; own enumerable string keys only (as JSON sees an object), `__proto__` kept as a plain key. */
const copyOf = (value: unknown, path: string, depth: number, budget: { nodes: number }): unknown => {
  budget.nodes += 1;
  if (budget.nodes > MAX_ITEM_NODES) throw new TooLarge(`${path}: the item holds more than ${MAX_ITEM_NODES} values`);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_ITEM_DEPTH) throw new TooLarge(`${path}: nested deeper than ${MAX_ITEM_DEPTH} levels`);
  if (Array.isArray(value)) {
    const length = value.length;
    if (length > MAX_ITEM_FANOUT) throw new TooLarge(`${path}: more than ${MAX_ITEM_FANOUT} elements`);
    const out: unknown[] = new Array<unknown>(length);
    for (let i = 0; i < length; i++) out[i] = copyOf(value[i], `${path}[${i}]`, depth + 1, budget);
    return out;
  }
  const keys = Object.keys(value);
  if (keys.length > MAX_ITEM_FANOUT) throw new TooLarge(`${path}: more than ${MAX_ITEM_FANOUT} keys (${keys.length})`);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const item = copyOf((value as Record<string, unknown>)[key], `${path}.${key.slice(0, 64)}`, depth + 1, budget);
    // defineProperty, not assignment: a `__proto__` key stays a key and never becomes the prototype.
    Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
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
  try {
    if (!Array.isArray(items) || items.length > MAX_BATCH_SIZE) return E.right(items);
    const length = items.length;
    const out: unknown[] = new Array<unknown>(length);
    for (index = 0; index < length; index++) out[index] = copyOf(items[index], `$.${root}[${index}]`, 0, { nodes: 0 });
    return E.right(out);
  } catch (error) {
    const where = index < 0 ? `$.${root}` : `$.${root}[${index}]`;
    const detail = error instanceof TooLarge ? error.message : `${where} could not be read: ${error instanceof Error ? error.message : String(error)}`;
    return E.left(new LedgerError('item_malformed', [], detail));
  }
};
