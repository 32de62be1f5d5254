import * as t from 'io-ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for a UUID in canonical lowercase form. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && uuidPattern.test(value);

/**
 * A UUID in canonical lowercase 8-4-4-4-12 form. Uppercase is rejected because stores that keep
 * UUIDs natively (PostgreSQL, EventStoreDB) would hand it back lowercased, breaking exact round trips.
 */
export const Uuid: t.Type<string, string, unknown> = new t.Type<string, string, unknown>(
  'lowercase UUID',
  isUuid,
  (input, context) => (isUuid(input) ? t.success(input) : t.failure(input, context)),
  (value) => value,
);
