/**
 * The group-commit queue of a book's `createTransfers`: its bound and how a group is cut from it.
 * All of its limits are here.
 */
import { DEFAULT_MAX_WAITING_ITEMS, DEFAULT_MAX_WAITING_REQUESTS, MAX_BATCH_SIZE, MAX_GROUP_REQUESTS } from '../limits.js';

/** Most batches committed in one group. */
export { MAX_GROUP_REQUESTS };

/**
 * Default bound of the waiting queue (requests not yet taken into a group). A request arriving
 * when it is full is answered `book_overloaded` at once, so memory stays bounded under overload
 * and callers learn at once that they must slow down.
 */
export { DEFAULT_MAX_WAITING_REQUESTS };

/**
 * Default bound of the items held by the waiting queue (the sum of the waiting batches' sizes):
 * with the request bound alone, 4,096 full batches would hold 41 million items in memory. At
 * least one full batch ({@link MAX_BATCH_SIZE}) always fits.
 */
export { DEFAULT_MAX_WAITING_ITEMS };

/** What the queue needs to know of a waiting request. */
export interface Groupable {
  readonly commandId: string;
  readonly itemCount: number;
}

/**
 * Takes the next group off the front of `waiting`, in arrival order: at most
 * {@link MAX_GROUP_REQUESTS} requests and {@link MAX_BATCH_SIZE} items (one oversized request goes
 * alone), and never two requests with the same command id: the second is left for the next group,
 * so it is decided on a state that holds the first, exactly as if the two came one after the other.
 */
export const takeGroup = <T extends Groupable>(waiting: T[]): T[] => {
  const group: T[] = [];
  const commandIds = new Set<string>();
  let items = 0;
  while (waiting.length > 0 && group.length < MAX_GROUP_REQUESTS) {
    const next = waiting[0]!;
    if (group.length > 0 && (items + next.itemCount > MAX_BATCH_SIZE || commandIds.has(next.commandId))) break;
    group.push(waiting.shift()!);
    commandIds.add(next.commandId);
    items += next.itemCount;
  }
  return group;
};
