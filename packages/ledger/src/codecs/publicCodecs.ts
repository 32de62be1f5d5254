/**
 * The io-ts building blocks of the ledger's event schemas that packages defining event schemas of
 * their own (`@ecoledger/products`) reuse, so that every event of the system refuses unknown
 * fields and spells amounts and instants one way. Exported from the package index as the
 * `codecs` namespace: the rest of `codecs/` stays internal.
 */

/**
 * An object codec that refuses unknown fields (`unexpected field`) instead of stripping them, and
 * decodes to a fresh object of only the known fields; an optional field set to `undefined` counts
 * as absent.
 */
export { closedStruct, type ClosedStructOf, type ClosedStructOutput } from './closedStruct.js';

/** A canonical decimal string (`"0"`, `"-12.50"`): no JS number, exponent, `+`, `-0` or bare point. */
export { DecimalString } from './decimalString.js';

/** An ISO-8601 UTC instant (`2024-05-01T12:00:00.000Z`) naming a real calendar time. */
export { IsoInstant } from './isoInstant.js';
