import * as t from 'io-ts';

/** JSON values: the only thing event data may contain. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** Deeper nesting than this is rejected rather than risking stack exhaustion. */
export const maxJsonDepth = 256;

interface JsonFailure {
  readonly keys: readonly string[];
  readonly values: readonly unknown[];
  readonly value: unknown;
  readonly reason: string;
}

const isPlainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

const kindOf = (value: unknown): string => {
  if (typeof value === 'object' && value !== null) {
    const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
    return name ?? 'object';
  }
  return typeof value;
};

/**
 * Roots of deep-frozen copies this module made: already validated and immutable, so copying them
 * again (an event encoded by `encodeEvent`, then appended to a store) can hand back the same object.
 */
const validatedCopies = new WeakSet<object>();

/** Freezes a freshly parsed JSON tree in place; false when it is nested too deep to trust. */
const freezeParsed = (value: object, depth: number): boolean => {
  if (depth >= maxJsonDepth) return false;
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    if (typeof child === 'object' && child !== null && !freezeParsed(child, depth + 1)) return false;
  }
  Object.freeze(value);
  return true;
};

/**
 * Adopts the output of `JSON.parse` (JSON by construction, and owned by the caller alone) as a
 * validated value: it is deep-frozen in place, so decoding it with {@link JsonValue} returns it
 * without copying. Stores use it for the data they read back.
 */
export const adoptParsedJson = (value: unknown): unknown => {
  if (typeof value === 'object' && value !== null && !validatedCopies.has(value) && freezeParsed(value, 0)) validatedCopies.add(value);
  return value;
};

/** Marks a value the fast copy cannot take; the careful copy then names the reason and path. */
const NOT_FAST = Symbol('not fast');

/**
 * The hot path of {@link copyJson}: the same validation and deep-frozen copy, without tracking the
 * path (a cycle simply runs into the depth limit). Any doubt returns {@link NOT_FAST}.
 */
const fastCopy = (value: unknown, depth: number): Json | typeof NOT_FAST => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : NOT_FAST;
    case 'object': {
      if (value === null) return null;
      if (depth >= maxJsonDepth) return NOT_FAST;
      if (Array.isArray(value)) {
        const items = new Array<Json>(value.length);
        for (let i = 0; i < value.length; i++) {
          const item = fastCopy(value[i], depth + 1);
          if (item === NOT_FAST) return NOT_FAST;
          items[i] = item;
        }
        return Object.freeze(items);
      }
      if (!isPlainObject(value)) return NOT_FAST;
      const record: Record<string, Json> = {};
      for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
        // "__proto__" must stay a data key: leave it to the careful path.
        if (key === '__proto__') return NOT_FAST;
        const item = fastCopy((value as Record<string, unknown>)[key], depth + 1);
        if (item === NOT_FAST) return NOT_FAST;
        record[key] = item;
      }
      return Object.freeze(record);
    }
    default:
      return NOT_FAST;
  }
};

/**
 * Validates that `input` is JSON (null, booleans, finite numbers, strings, arrays, plain objects; no
 * cycles) and returns a deep-frozen copy, so stored data can be shared without defensive copies.
 * `-0` becomes `0`, as any JSON round trip would make it.
 */
const copyJson = (input: unknown): { readonly ok: true; readonly value: Json } | ({ readonly ok: false } & JsonFailure) => {
  if (typeof input === 'object' && input !== null && validatedCopies.has(input)) return { ok: true, value: input as Json };
  const fast = fastCopy(input, 0);
  const result = fast === NOT_FAST ? carefulCopyJson(input) : ({ ok: true, value: fast } as const);
  if (result.ok && typeof result.value === 'object' && result.value !== null) validatedCopies.add(result.value);
  return result;
};

/** {@link copyJson} tracking the path, for inputs the fast path declined: names what is wrong and where. */
const carefulCopyJson = (input: unknown): { readonly ok: true; readonly value: Json } | ({ readonly ok: false } & JsonFailure) => {
  const keys: string[] = [];
  const values: unknown[] = [];
  const ancestors = new Set<object>();
  let failure: JsonFailure | undefined;
  const fail = (value: unknown, reason: string): undefined => {
    failure = { keys: [...keys], values: [...values], value, reason };
    return undefined;
  };
  const visit = (value: unknown): Json | undefined => {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number':
        if (!Number.isFinite(value)) return fail(value, `expected JSON value, got ${value} (not finite)`);
        return value === 0 ? 0 : value;
      case 'object': {
        if (value === null) return null;
        if (ancestors.size >= maxJsonDepth) return fail(value, `nested deeper than ${maxJsonDepth} levels`);
        if (ancestors.has(value)) return fail(value, 'expected JSON value, got a circular reference');
        const isArray = Array.isArray(value);
        if (!isArray && !isPlainObject(value)) return fail(value, `expected JSON value, got a ${kindOf(value)}`);
        ancestors.add(value);
        let copy: Json;
        if (isArray) {
          const items: Json[] = new Array<Json>(value.length);
          for (let i = 0; i < value.length; i++) {
            const child = value[i] as unknown;
            keys.push(String(i));
            values.push(child);
            const item = visit(child);
            keys.pop();
            values.pop();
            if (item === undefined) return undefined;
            items[i] = item;
          }
          copy = items;
        } else {
          const record: Record<string, Json> = {};
          const source = value as Record<string, unknown>;
          for (const key of Object.keys(source)) {
            const child = source[key];
            keys.push(key);
            values.push(child);
            const item = visit(child);
            keys.pop();
            values.pop();
            if (item === undefined) return undefined;
            // defineProperty: a "__proto__" key must stay data, not become the prototype.
            Object.defineProperty(record, key, { value: item, enumerable: true, writable: true, configurable: true });
          }
          copy = record;
        }
        ancestors.delete(value);
        return Object.freeze(copy);
      }
      default:
        return fail(value, `expected JSON value, got ${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`}`);
    }
  };
  const value = visit(input);
  if (value === undefined) return { ok: false, ...(failure ?? { keys: [], values: [], value: input, reason: 'not JSON' }) };
  return { ok: true, value };
};

/**
 * Any JSON value. Decoding returns a deep-frozen copy (`-0` normalised to `0`) and rejects
 * `undefined`, bigints, non-finite numbers, functions, class instances (Date, Map...) and cycles,
 * naming the path of the first offending value.
 */
export const JsonValue: t.Type<Json, Json, unknown> = new t.Type<Json, Json, unknown>(
  'JSON value',
  (value): value is Json => copyJson(value).ok,
  (input, context) => {
    const result = copyJson(input);
    if (result.ok) return t.success(result.value);
    // Rebuild an io-ts context down to the failing value so reporters print its path.
    let failed: t.Context = context;
    result.keys.forEach((key, i) => {
      failed = t.appendContext(failed, key, JsonValue, result.values[i]);
    });
    return t.failure(result.value, failed, result.reason);
  },
  (value) => value,
);
