/**
 * Ids derived with uuid v5, so that a retried command, a restarted processor and a repair run all
 * name the same ledger objects and the book's idempotency makes each effect happen once.
 *
 * - A product event's id comes from its stream, the command id and its index in the decision.
 * - A posting's hold comes from the stream, the revision its event takes, the command id, the
 *   event's id (so its index in the decision) and the posting's key: another command deciding at
 *   the same revision (after this one was abandoned) gets other holds, and so does another attempt
 *   of the same multi-event command whose events start one revision later (its first event takes
 *   the revision of the abandoned attempt's second), never `exists_with_different_amount`.
 * - The final posting (the post of the hold, or the transfer itself for an event recorded first)
 *   and the void of an abandoned hold derive from the hold's id.
 *
 * The namespaces are fixed forever: changing one would give a retry new ids.
 */
import { uuidV5In } from './uuidV5.js';

const PRODUCT_EVENT_NAMESPACE = '3b67a843-66de-5009-98eb-a868dbb35ed4';
const PRODUCT_POSTING_NAMESPACE = 'f1995be5-ed14-58fc-99c1-2a8de8bd165c';
const eventIdOf = uuidV5In(PRODUCT_EVENT_NAMESPACE);
const postingIdIn = uuidV5In(PRODUCT_POSTING_NAMESPACE);

/** Id of the `index`-th event a command decided on a product stream. */
export const productEventId = (stream: string, commandId: string, index: number): string =>
  eventIdOf(`${stream}\n${commandId}\n${index}`);

/** Id of the hold that reserves posting `key` of the event `eventId` at `revision`. */
export const holdIdOf = (stream: string, revision: bigint, commandId: string, eventId: string, key: string): string =>
  postingIdIn(`hold\n${stream}\n${revision}\n${commandId}\n${eventId}\n${key}`);

/** Id of the posting that moves the money: the post of the hold, or the transfer of an event recorded first. */
export const postingIdOf = (holdId: string): string => postingIdIn(`post\n${holdId}`);

/** Id of the void that releases an abandoned hold. */
export const voidIdOf = (holdId: string): string => postingIdIn(`void\n${holdId}`);

/** Command id of a ledger request a product makes (`holds`, `posts`, `voids`, `accounts`) for one event or attempt. */
export const ledgerRequestIdOf = (kind: 'accounts' | 'holds' | 'posts' | 'voids', stream: string, revision: bigint, commandId: string): string =>
  postingIdIn(`${kind}\n${stream}\n${revision}\n${commandId}`);

const HOLD_REFERENCE = /^p1:(0|[1-9][0-9]{0,18}):(.+)$/s;

/**
 * A hold's user data: the stream and the revision its command's first event takes (or would have
 * taken), so that a repair run finds the command's events, or their absence, from the hold alone.
 * An event recorded before its postings references itself the same way on its transfers.
 */
export const holdReference = (stream: string, revision: bigint): string => `p1:${revision}:${stream}`;

/** Reads a hold's user data back; `undefined` for a hold products did not make. */
export const parseHoldReference = (userData: string | undefined): { readonly stream: string; readonly revision: bigint } | undefined => {
  const match = userData === undefined ? null : HOLD_REFERENCE.exec(userData);
  return match === null ? undefined : { revision: BigInt(match[1]!), stream: match[2]! };
};
