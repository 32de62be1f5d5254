/**
 * The JSON text of an event's data, computed once per (immutable) data object: the hash chain
 * needs it and so does every store that writes text, and a ledger batch is megabytes of JSON.
 * Only frozen objects are cached, so a cached text can never go stale.
 */
const texts = new WeakMap<object, string>();

/** `JSON.stringify(value)`, remembered for frozen objects. */
export const jsonText = (value: unknown): string => {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const cached = texts.get(value);
  if (cached !== undefined) return cached;
  const text = JSON.stringify(value);
  if (Object.isFrozen(value)) texts.set(value, text);
  return text;
};
