/**
 * A domain event as deciders see it: a type tag and typed data (bigints and all). Its stored form,
 * with JSON data, id, version and metadata, is an `EventEnvelope`; `eventSchemas` maps between them.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}
