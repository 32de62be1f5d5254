/** A binary min-heap of pending-transfer expiries (nanosecond instants), with lazy deletion. */
export interface Expiry {
  readonly at: bigint;
  readonly id: string;
}

/** Min-heap ordered by `at`, then by `id` so that equal instants expire in a stable order. */
export class ExpiryHeap {
  private readonly items: Expiry[] = [];

  /** Number of entries, stale ones included. */
  get size(): number {
    return this.items.length;
  }

  /** Adds an expiry. */
  push(expiry: Expiry): void {
    const items = this.items;
    items.push(expiry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  /** Removes and returns the earliest expiry. */
  pop(): Expiry | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < items.length && before(items[left]!, items[smallest]!)) smallest = left;
      if (right < items.length && before(items[right]!, items[smallest]!)) smallest = right;
      if (smallest === i) break;
      [items[i], items[smallest]] = [items[smallest]!, items[i]!];
      i = smallest;
    }
    return top;
  }

  /** The earliest expiry, without removing it. */
  peek(): Expiry | undefined {
    return this.items[0];
  }

  /**
   * Every entry with `at <= instant`, earliest first, without changing the heap: a decider may
   * look but not touch. Visits only the entries returned plus their direct children.
   */
  dueAt(instant: bigint): Expiry[] {
    const due: Expiry[] = [];
    const stack = [0];
    while (stack.length > 0) {
      const i = stack.pop()!;
      const item = this.items[i];
      if (item === undefined || item.at > instant) continue;
      due.push(item);
      stack.push(2 * i + 1, 2 * i + 2);
    }
    return due.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }

  /** A copy, for snapshots. */
  entries(): Expiry[] {
    return [...this.items];
  }
}

const before = (a: Expiry, b: Expiry): boolean => a.at < b.at || (a.at === b.at && a.id < b.id);
