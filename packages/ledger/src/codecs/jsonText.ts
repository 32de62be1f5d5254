/**
 * The JSON text of an event's data, computed once per (immutable) data object: the hash chain
 * needs it and so does every store that writes text, and a ledger batch is megabytes of JSON.
 * Only frozen objects are cached, so a cached text can never go stale.
 *
 * The texts are needed between sealing a batch and appending it, not for as long as the data
 * lives: an in-memory store keeps every event's data, and with it every text, forever (about as
 * much again as the ledger events themselves). So only the most recent texts are kept, bounded in
 * number and in characters; an older one is simply computed again.
 */
const texts = new WeakMap<object, string>();

/** Most recent texts kept: enough for the largest book append (one event per grouped batch). */
const MAX_RECENT_TEXTS = 1_024;
/** Characters of text kept at most (16 MiB of one-byte strings), beyond the most recent text. */
const MAX_RECENT_CHARS = 16 * 1024 * 1024;

/** The keys of the cached texts, oldest first (a queue: `head` is the oldest live slot). */
const recent: { key: object; chars: number }[] = [];
let head = 0;
let recentChars = 0;

const remember = (value: object, text: string): void => {
  texts.set(value, text);
  recent.push({ key: value, chars: text.length });
  recentChars += text.length;
  while (recent.length - head > MAX_RECENT_TEXTS || (recentChars > MAX_RECENT_CHARS && recent.length - head > 1)) {
    const oldest = recent[head]!;
    texts.delete(oldest.key);
    recentChars -= oldest.chars;
    head++;
  }
  // Compact the queue once its dead prefix is as long as its live part.
  if (head >= MAX_RECENT_TEXTS && head * 2 >= recent.length) {
    recent.splice(0, head);
    head = 0;
  }
};

/** `JSON.stringify(value)`, remembered for recent frozen objects. */
export const jsonText = (value: unknown): string => {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const cached = texts.get(value);
  if (cached !== undefined) return cached;
  const text = JSON.stringify(value);
  if (Object.isFrozen(value)) remember(value, text);
  return text;
};
