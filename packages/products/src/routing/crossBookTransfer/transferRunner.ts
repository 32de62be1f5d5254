/**
 * Runs cross-book transfers: records each request in its saga stream, then takes every step that
 * belongs to a book this process writes, recording each outcome before the next step. A step of
 * another book is left to that book's process, which learns of it from the shared log (see
 * `transferProcessor.ts`). After a crash, `advance` reads the stream and resumes at the step after
 * the last one recorded: a step done but not recorded is done again under the same derived id and
 * the book answers `exists`.
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  decodeEvent,
  encodeEvent,
  foldState,
  isWrongExpectedVersion,
  type EventStore,
} from '@ecoledger/ledger';
import { ProductsError, isProductsError } from '../../errors.js';
import type { BookRouter } from '../bookRouter.js';
import { transferDecider, type TransferCommand, type TransferState } from './transferDecider.js';
import { transferEventSchemas, transferStream, type TransferEvent } from './transferEvents.js';
import { transferEventIdOf } from './transferIds.js';
import { checkedTransferId, resolveTransferRequest, type CrossBookTransferInput } from './transferRequest.js';
import { bookOfNextStep, takeStep } from './transferSteps.js';
import type { TransferStepPort } from './transferStepPort.js';

/** What a runner needs. */
export interface CrossBookTransferRunnerOptions {
  readonly store: EventStore;
  readonly router: BookRouter;
  /** Ports of the books this process writes (one writer per book); steps in other books are left to their processes. */
  readonly ports: Readonly<Record<string, TransferStepPort>>;
  readonly clock: () => Date;
  /** Tenant recorded on the saga's events (default `system`). */
  readonly tenant?: string;
}

/** Starts and advances cross-book transfers. */
export interface CrossBookTransferRunner {
  /**
   * Records the request (again with the same transfer id: nothing new) and advances it as far as
   * this process can. Left: bad input or a transfer id already used for another transfer; nothing
   * was recorded.
   */
  request(input: CrossBookTransferInput): Promise<E.Either<ProductsError, TransferState>>;
  /** Takes every step of a recorded transfer owned here, in order; returns where it stands. */
  advance(transferId: string): Promise<TransferState>;
}

// Each process takes at most four steps of one transfer; the rest are lost races re-read.
const MAX_ROUNDS = 12;

/** Builds a runner; see the module comment. */
export const createCrossBookTransferRunner = (options: CrossBookTransferRunnerOptions): CrossBookTransferRunner => {
  const { store, router, ports, clock } = options;
  for (const book of Object.keys(ports)) {
    if (!router.books.includes(book)) throw new ProductsError('book_router_invalid', `a port is given for ${book}, which the router does not list`, 'ports');
  }
  // One advance per transfer at a time in this process: a second caller waits and finds the work done.
  const running = new Map<string, Promise<TransferState>>();

  const load = async (transferId: string): Promise<{ readonly state: TransferState; readonly revision: bigint | undefined }> => {
    const recorded = await store.readStream(transferStream(transferId));
    const events: TransferEvent[] = [];
    for (const event of recorded) {
      const decoded = decodeEvent(transferEventSchemas, event);
      if (E.isLeft(decoded)) throw decoded.left;
      events.push(decoded.right);
    }
    const last = recorded[recorded.length - 1];
    return { state: foldState(transferDecider, events), revision: last?.revision };
  };

  /** Appends what `command` decides; false when another writer moved the stream first (read again). */
  const record = async (transferId: string, command: TransferCommand, state: TransferState, revision: bigint | undefined): Promise<E.Either<ProductsError, boolean>> => {
    const decided = transferDecider.decide(command, state);
    if (E.isLeft(decided)) return decided;
    if (decided.right.length === 0) return E.right(true);
    const occurredAt = clock().toISOString();
    const envelopes = decided.right.map((event) => {
      const id = transferEventIdOf(transferId, event.type);
      return encodeEvent(transferEventSchemas, event, {
        id,
        metadata: {
          correlationId: transferId,
          causationId: transferId,
          tenant: options.tenant ?? 'system',
          actor: 'cross-book-transfer',
          channel: 'system',
          occurredAt,
          commandId: id,
        },
      });
    });
    try {
      await store.append(transferStream(transferId), envelopes, revision ?? 'no_stream');
      return E.right(true);
    } catch (error) {
      if (isWrongExpectedVersion(error)) return E.right(false);
      throw error;
    }
  };

  const advanceNow = async (transferId: string): Promise<TransferState> => {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const { state, revision } = await load(transferId);
      const book = bookOfNextStep(state);
      const port = book === undefined ? undefined : ports[book];
      if (port === undefined) return state;
      const command = await takeStep(port, state);
      const recorded = await record(transferId, command, state, revision);
      // The runner only issues the command that follows the state it read: a Left is a corrupt stream.
      if (E.isLeft(recorded)) throw recorded.left;
    }
    throw new ProductsError('posting_incomplete', `transfer ${transferId} kept changing under the runner`);
  };

  const advance = (transferId: string): Promise<TransferState> => {
    checkedTransferId(transferId);
    const previous = running.get(transferId) ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(() => advanceNow(transferId));
    running.set(transferId, next);
    const forget = (): void => {
      if (running.get(transferId) === next) running.delete(transferId);
    };
    next.then(forget, forget);
    return next;
  };

  const request = async (input: CrossBookTransferInput): Promise<E.Either<ProductsError, TransferState>> => {
    let data;
    try {
      data = resolveTransferRequest(router, input);
    } catch (error) {
      if (isProductsError(error)) return E.left(error);
      throw error;
    }
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const { state, revision } = await load(data.transferId);
      const recorded = await record(data.transferId, { type: 'RequestTransfer', request: data }, state, revision);
      if (E.isLeft(recorded)) return recorded;
      if (recorded.right) return E.right(await advance(data.transferId));
    }
    throw new ProductsError('posting_incomplete', `transfer ${data.transferId} kept changing under the runner`);
  };

  return { request, advance };
};
