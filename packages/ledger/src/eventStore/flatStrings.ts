/**
 * Flat strings for what a store keeps in memory. A string built by concatenation (an id with a
 * prefix, a formatted uuid, a timestamp from its parts) is a tree of its parts in V8 until
 * something needs it flat; the in-memory store keeps every event for ever, and such a tree costs
 * several times its text (a uuid formatted from five slices: about 400 bytes instead of 56). A
 * regular-expression test flattens its subject in place, and the collector then drops the parts.
 * Nothing observable changes: the string's value stays.
 *
 * Where the store makes the object itself (an event's metadata, its stream name), it goes further
 * and keeps the engine's internalized copy of each string: flat, and one copy of equal texts
 * (the command id and the causation id of an event, the instant and correlation id of a batch,
 * the name of a stream across its events). The string table holding them is weak.
 */
import { maxJsonDepth } from '../codecs/jsonValue.js';

const ANYTHING = /^/;

/** Makes `text` flat in memory (same value, same string). */
export const flatten = (text: string): void => {
  ANYTHING.test(text);
};

/** The internalized copy of `text`: equal value, flat, shared by every equal text so interned. */
export const interned = (text: string): string => {
  // A computed property key is internalized; for an integer-like text it is a fresh flat string.
  for (const key in { [text]: 0 }) return key;
  return text;
};

/** A frozen copy of a metadata record (keys in the same order) whose string values are {@link interned}. */
export const internedRecord = <T extends object>(record: T): T => {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const value = (record as Record<string, unknown>)[key];
    copy[key] = typeof value === 'string' ? interned(value) : value;
  }
  return Object.freeze(copy) as T;
};

/** Flattens every string in a JSON value (keys are property names, already flat), to the JSON depth limit. */
export const flattenStrings = (value: unknown, depth = 0): void => {
  if (typeof value === 'string') {
    flatten(value);
    return;
  }
  if (typeof value !== 'object' || value === null || depth >= maxJsonDepth) return;
  if (Array.isArray(value)) {
    for (const item of value) flattenStrings(item, depth + 1);
    return;
  }
  for (const key in value) flattenStrings((value as Record<string, unknown>)[key], depth + 1);
};
