/**
 * Closing a period in the book's state. `periodClosingOf` lists what leaves the state (for the
 * closed-posting index: postings, failed ids, reversals and command ids); `startPeriod` then drops it, keeping balances (in the accounts) and open
 * holds (with what posting, voiding or expiring them needs). Every per-period map of
 * {@link BookState} is cleared here and only here, so a new one is added in one place.
 */
import type { BookState } from '../bookState.js';
import { closedCommandsOf } from './closedCommands.js';
import type { ClosedEntry } from './closedEntry.js';
import type { PeriodClosing } from './closedPostingIndex.js';

/** What closing the open period of `state` moves to the closed-posting index. */
export const periodClosingOf = (state: BookState): PeriodClosing => {
  const entries: (readonly [string, ClosedEntry])[] = [];
  for (const [id, posting] of state.postings) {
    const status = state.pendingStatus.get(id);
    if (status === 'pending') continue; // an open hold: carried forward
    entries.push([id, status === undefined ? { kind: 'posting', record: posting.record } : { kind: 'posting', record: posting.record, status }]);
  }
  for (const [id, code] of state.failed) entries.push([id, { kind: 'failed', code }]);
  return { period: state.period, entries, reversals: [...state.reversedBy], commands: closedCommandsOf(state) };
};

/** Number of open holds `state` carries into the next period. */
export const openHoldCount = (state: BookState): number => {
  let count = 0;
  for (const status of state.pendingStatus.values()) if (status === 'pending') count++;
  return count;
};

/** Ends the open period of `state` in place and starts the next one; see the module comment. */
export const startPeriod = (state: BookState): void => {
  for (const id of state.postings.keys()) if (state.pendingStatus.get(id) !== 'pending') state.postings.delete(id);
  for (const [id, status] of state.pendingStatus) if (status !== 'pending') state.pendingStatus.delete(id);
  state.reversedBy.clear();
  state.failed.clear();
  // The closed period's command ids went to the index with its postings (periodClosingOf): they
  // stay exact forever through it, as item ids do.
  state.commands.clear();
  // The expiry heap may hold stale entries of holds posted or voided meanwhile: rebuild it.
  const expiries = state.expiries.entries().filter(({ id }) => state.pendingStatus.get(id) === 'pending');
  while (state.expiries.pop() !== undefined);
  for (const expiry of expiries) state.expiries.push(expiry);
  state.period += 1;
  // What is left is bounded by the open holds (TIGER_STYLE: assert where state changes).
  if (state.postings.size !== state.pendingStatus.size) {
    throw new Error(`startPeriod: ${state.postings.size} postings kept for ${state.pendingStatus.size} open holds`);
  }
};
