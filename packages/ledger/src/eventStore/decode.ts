import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { validationIssues } from '../codecs/formatValidationErrors.js';
import { EventDecodeError } from './errors.js';

/** What to name in a decode error: the event and where it is stored, and the path root (default `$`). */
export interface DecodeContext {
  /** Defaults to the codec's name. */
  readonly eventType?: string;
  readonly version?: number;
  readonly stream?: string;
  readonly revision?: bigint;
  /** Path prefix of reported issues, e.g. `$.data`. */
  readonly root?: string;
}

/** Decodes `value` with any io-ts codec or decoder, turning io-ts errors into an {@link EventDecodeError} that names paths and reasons. */
export const decodeEither = <A>(
  codec: t.Decoder<unknown, A>,
  value: unknown,
  context: DecodeContext = {},
): E.Either<EventDecodeError, A> => {
  const result = codec.decode(value);
  if (E.isRight(result)) return result;
  return E.left(
    new EventDecodeError('event_decode_failed', {
      eventType: context.eventType ?? codec.name,
      issues: validationIssues(result.left, context.root ?? '$'),
      stream: context.stream,
      revision: context.revision,
      version: context.version,
    }),
  );
};

/** Like {@link decodeEither} but throws the {@link EventDecodeError}. */
export const decodeOrThrow = <A>(codec: t.Decoder<unknown, A>, value: unknown, context: DecodeContext = {}): A => {
  const result = decodeEither(codec, value, context);
  if (E.isLeft(result)) throw result.left;
  return result.right;
};
