/**
 * Local calendar date and wall-clock minute of an instant in an IANA time zone, with the runtime's
 * own time zone data (`Intl.DateTimeFormat`): no dependency, and the zone rules update with Node.
 */
import { ProductsError, describeValue } from '../errors.js';
import { MAX_TIME_ZONE_LENGTH } from '../limits.js';
import { businessDate, type BusinessDate } from './businessDate.js';

/** Where an instant falls in a time zone: its local date and the minute of that local day (0..1439). */
export interface ZonedTime {
  readonly date: BusinessDate;
  readonly minuteOfDay: number;
}

/** Reads instants in one time zone; build once per zone (formatters are costly to create). */
export type ZonedReader = (instant: Date) => ZonedTime;

// Instants more than a day outside 1900..2199 never have a supported local date; refusing them
// first also keeps years before the common era (which Intl writes without a sign) out of the parser.
const FIRST_INSTANT_MS = Date.UTC(1899, 11, 30);
const LAST_INSTANT_MS = Date.UTC(2200, 0, 2);

// Gregorian calendar and Latin digits whatever the host locale, so the parts always parse.
const LOCALE = 'en-US-u-ca-gregory-nu-latn';

/**
 * A reader for `timeZone`. @throws ProductsError `time_zone_invalid` for a name the runtime does
 * not know (or not a string, or longer than {@link MAX_TIME_ZONE_LENGTH}).
 */
export function zonedReader(timeZone: unknown, field = 'timeZone'): ZonedReader {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > MAX_TIME_ZONE_LENGTH) {
    throw new ProductsError('time_zone_invalid', describeValue(timeZone), field);
  }
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat(LOCALE, {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  } catch (error) {
    if (error instanceof RangeError) throw new ProductsError('time_zone_invalid', describeValue(timeZone), field);
    throw error;
  }
  return (instant: Date): ZonedTime => {
    assertInstant(instant);
    const ms = instant.getTime();
    if (ms < FIRST_INSTANT_MS || ms > LAST_INSTANT_MS) throw new ProductsError('instant_invalid', instant.toISOString(), 'instant');
    const parts: Record<string, string> = {};
    for (const part of formatter.formatToParts(instant)) parts[part.type] = part.value;
    const text = `${(parts.year ?? '').padStart(4, '0')}-${parts.month ?? ''}-${parts.day ?? ''}`;
    let date: BusinessDate;
    try {
      date = businessDate(text, 'instant');
    } catch {
      throw new ProductsError('instant_invalid', `${instant.toISOString()} is ${text} in ${timeZone}`, 'instant');
    }
    // Some ICU versions write midnight as 24 even with h23: it is hour 0 of the same date.
    const hour = Number(parts.hour) % 24;
    return { date, minuteOfDay: hour * 60 + Number(parts.minute) };
  };
}

/** Checks that a value is a valid Date. @throws ProductsError `instant_invalid`. */
export function assertInstant(instant: unknown, field = 'instant'): asserts instant is Date {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new ProductsError('instant_invalid', describeValue(instant), field);
}
