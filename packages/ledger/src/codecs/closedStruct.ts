import * as t from 'io-ts';
import { BoundedErrors } from './boundedErrors.js';

/** Decoded type of a closed struct: required props, then optional props that are absent rather than undefined. */
export type ClosedStructOf<Required extends t.Props, Optional extends t.Props> = {
  readonly [K in keyof Required]: t.TypeOf<Required[K]>;
} & { readonly [K in keyof Optional]?: t.TypeOf<Optional[K]> };

/** Encoded type of a closed struct. */
export type ClosedStructOutput<Required extends t.Props, Optional extends t.Props> = {
  readonly [K in keyof Required]: t.OutputOf<Required[K]>;
} & { readonly [K in keyof Optional]?: t.OutputOf<Optional[K]> };

const hasOwn = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/**
 * An object codec that rejects unknown fields (`unexpected field`) instead of passing or stripping
 * them, and decodes to a fresh object holding only the known fields. An optional field set to
 * `undefined` counts as absent and is left out, as a JSON round trip would.
 */
export const closedStruct = <Required extends t.Props, Optional extends t.Props = Record<never, t.Mixed>>(
  name: string,
  required: Required,
  optional?: Optional,
): t.Type<ClosedStructOf<Required, Optional>, ClosedStructOutput<Required, Optional>, unknown> => {
  type A = ClosedStructOf<Required, Optional>;
  type O = ClosedStructOutput<Required, Optional>;
  const optionalProps: t.Props = optional ?? {};
  const requiredKeys = Object.keys(required);
  const optionalKeys = Object.keys(optionalProps);
  const known = new Set([...requiredKeys, ...optionalKeys]);
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);

  const is = (value: unknown): value is A =>
    isRecord(value) &&
    Object.keys(value).every((key) => known.has(key)) &&
    requiredKeys.every((key) => required[key]?.is(value[key]) === true) &&
    optionalKeys.every((key) => value[key] === undefined || optionalProps[key]?.is(value[key]) === true);

  const codec: t.Type<A, O, unknown> = new t.Type<A, O, unknown>(
    name,
    is,
    (input, context) => {
      if (!isRecord(input)) return t.failure(input, context);
      // Hot path: validate each field against the parent context (no per-field context arrays).
      // Any failure drops to the careful pass below, which reports every issue at its own path.
      fast: {
        for (const key in input) if (!known.has(key)) break fast;
        const output: Record<string, unknown> = {};
        for (const key of requiredKeys) {
          const result = (required[key] as t.Mixed).validate(input[key], context);
          if (result._tag === 'Left') break fast;
          output[key] = result.right;
        }
        for (const key of optionalKeys) {
          const value = input[key];
          if (value === undefined || !hasOwn(input, key)) continue;
          const result = (optionalProps[key] as t.Mixed).validate(value, context);
          if (result._tag === 'Left') break fast;
          output[key] = result.right;
        }
        return t.success(output as A);
      }
      // Errors are collected one by one (never spread into `push`: 100,000 of them overflow the
      // stack) and at most MAX_COLLECTED_ERRORS are kept; the rest are only counted.
      const errors = new BoundedErrors(context);
      const output: Record<string, unknown> = {};
      for (const key in input) {
        if (hasOwn(input, key) && !known.has(key)) errors.add({ value: input[key], context: t.appendContext(context, key, t.never, input[key]), message: 'unexpected field' });
      }
      const check = (key: string, type: t.Mixed): void => {
        const value = input[key];
        const result = type.validate(value, t.appendContext(context, key, type, value));
        if (result._tag === 'Left') errors.addAll(result.left);
        else output[key] = result.right;
      };
      for (const key of requiredKeys) check(key, required[key] as t.Mixed);
      for (const key of optionalKeys) {
        if (hasOwn(input, key) && input[key] !== undefined) check(key, optionalProps[key] as t.Mixed);
      }
      return errors.isEmpty ? t.success(output as A) : t.failures(errors.toErrors());
    },
    (value) => {
      const output: Record<string, unknown> = {};
      const record = value as Record<string, unknown>;
      for (const key of requiredKeys) output[key] = (required[key] as t.Mixed).encode(record[key]);
      for (const key of optionalKeys) {
        if (record[key] !== undefined) output[key] = (optionalProps[key] as t.Mixed).encode(record[key]);
      }
      return output as O;
    },
  );
  return codec;
};
