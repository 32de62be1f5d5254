/**
 * A book request as the writer takes it: context resolved, items read once into plain values and
 * fingerprinted, all at call time, so nothing the caller does later (or a getter that throws)
 * can reach the decider or another caller's group commit.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { BookCommand } from './bookDecider.js';
import type { LedgerError } from './ledgerError.js';
import { materialiseItems } from './requestBody.js';
import { resolveRequestContext, type ContextDefaults, type ResolvedContext } from './requestContext.js';
import { requestFingerprint } from './requestFingerprint.js';

/** A checked request. */
export interface PreparedRequest {
  readonly type: BookCommand['type'];
  /** The items as plain values (or the caller's non-array value, for the batch checks to reject). */
  readonly items: unknown;
  readonly context: ResolvedContext;
  /** {@link requestFingerprint} of type and items. */
  readonly requestHash: string;
}

/** Resolves the context, materialises the items (named `root` in error paths) and fingerprints them. */
export const prepareRequest = (
  type: BookCommand['type'],
  items: unknown,
  root: string,
  context: unknown,
  defaults: ContextDefaults | undefined,
  newId: () => string,
): E.Either<LedgerError, PreparedRequest> => {
  const resolved = resolveRequestContext(context, defaults, newId);
  if (E.isLeft(resolved)) return resolved;
  const plain = materialiseItems(items, root);
  if (E.isLeft(plain)) return plain;
  return E.right({ type, items: plain.right, context: resolved.right, requestHash: requestFingerprint(type, plain.right) });
};
