/**
 * Deciding `ClosePeriod`: always one `PeriodClosed` event for the open period, at the next
 * timestamp. Holds that timed out should be released first (the book runs
 * `ExpirePendingTransfers` before), so that only holds that can still be posted are carried.
 */
import type { BookState } from '../bookState.js';
import type { LedgerEvent } from '../events.js';

/** The `PeriodClosed` event that ends the open period of `state` at `now` (nanoseconds). */
export const decidePeriodClose = (state: BookState, now: bigint): Extract<LedgerEvent, { type: 'PeriodClosed' }> => ({
  type: 'PeriodClosed',
  data: { period: state.period, timestamp: (now > state.lastTimestamp ? now : state.lastTimestamp + 1n).toString() },
});
