/**
 * Time as an injected dependency: products never read the system clock themselves, so that
 * scenarios, tests and replays decide what "now" is.
 */
import { ProductsError, describeValue } from '../errors.js';
import { MAX_CLOCK_STEP_MS } from '../limits.js';
import { businessDateOf, valueDateOf, type BusinessCalendar } from './businessCalendar.js';
import type { BusinessDate } from './businessDate.js';
import { assertInstant } from './zonedTime.js';

/** The current instant. Each call returns a fresh Date, which the caller may keep. */
export type Clock = () => Date;

/** The host's clock: for the application's composition root only, never inside a product. */
export const systemClock: Clock = () => new Date();

/** A clock that always reads `instant`. @throws ProductsError `instant_invalid`. */
export function fixedClock(instant: Date): Clock {
  assertInstant(instant);
  const ms = instant.getTime();
  return () => new Date(ms);
}

/**
 * A clock that reads `start` first and `stepMs` milliseconds later at every further call: time
 * moves forward through a scenario without sleeping. @throws ProductsError `instant_invalid`,
 * `clock_invalid` (a step that is not an integer from 0 to {@link MAX_CLOCK_STEP_MS}).
 */
export function steppingClock(start: Date, stepMs: number): Clock {
  assertInstant(start, 'start');
  if (typeof stepMs !== 'number' || !Number.isSafeInteger(stepMs) || stepMs < 0 || stepMs > MAX_CLOCK_STEP_MS) {
    throw new ProductsError('clock_invalid', describeValue(stepMs), 'stepMs');
  }
  let next = start.getTime();
  return () => {
    const now = new Date(next);
    assertInstant(now); // stepping past the largest Date gives an invalid Date: refuse it
    next += stepMs;
    return now;
  };
}

/** A clock read through a business calendar. Each method reads the clock once. */
export interface BusinessClock {
  now(): Date;
  /** The business date of now ({@link businessDateOf}): cut-off and closed days applied. */
  businessDate(): BusinessDate;
  /** The calendar date of now in the calendar's zone ({@link valueDateOf}): interest accrues by it. */
  valueDate(): BusinessDate;
}

/**
 * A business clock from a clock and a calendar. A stepping clock advances at each method call;
 * read `now()` once and use {@link businessDateOf} and {@link valueDateOf} on it when the dates
 * must belong to the same instant. @throws ProductsError `calendar_invalid` (at once, for a
 * calendar not made by `businessCalendar`), `instant_invalid` when the clock returns no valid Date.
 */
export function businessClock(clock: Clock, calendar: BusinessCalendar): BusinessClock {
  if (typeof clock !== 'function') throw new ProductsError('clock_invalid', describeValue(clock), 'clock');
  valueDateOf(calendar, new Date(Date.UTC(2000, 0, 1))); // checks the calendar now, not at the first read
  const now = (): Date => {
    const instant = clock();
    assertInstant(instant);
    return instant;
  };
  return Object.freeze({
    now,
    businessDate: () => businessDateOf(calendar, now()),
    valueDate: () => valueDateOf(calendar, now()),
  });
}
