/**
 * `@ecoledger/ledger`: exact money, event sourcing (store port, in-memory adapter, command
 * handling) and a TigerBeetle-style double-entry ledger book with read-model projections.
 */
export * from './errors.js';
export * from './money/index.js';
export * from './eventStore/index.js';
export * from './commandHandling/index.js';
export * from './ledger/index.js';
export * from './projections/index.js';
export * from './processors/index.js';
/** io-ts codecs for event schemas defined outside the ledger: `closedStruct`, `DecimalString`, `IsoInstant`. */
export * as codecs from './codecs/publicCodecs.js';
