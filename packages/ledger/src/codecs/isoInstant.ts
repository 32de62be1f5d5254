import * as t from 'io-ts';

// Events of one batch share one clock reading: remembering the last valid instant skips re-parsing it.
let lastValid: string | undefined;

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/** True for an ISO-8601 UTC instant (`2024-05-01T12:00:00.000Z`) naming a real calendar time. */
export const isIsoInstant = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  if (value === lastValid) return true;
  if (!instantPattern.test(value)) return false;
  const millis = Date.parse(value);
  // Date.parse may roll impossible dates over (Feb 30 -> Mar 1); the round trip catches that.
  if (Number.isNaN(millis) || new Date(millis).toISOString().slice(0, 19) !== value.slice(0, 19)) return false;
  lastValid = value;
  return true;
};

/** An ISO-8601 instant in UTC (`Z` suffix, optional fraction up to nanoseconds), as `Date#toISOString` writes it. */
export const IsoInstant: t.Type<string, string, unknown> = new t.Type<string, string, unknown>(
  'ISO-8601 UTC instant',
  isIsoInstant,
  (input, context) => (isIsoInstant(input) ? t.success(input) : t.failure(input, context)),
  (value) => value,
);
