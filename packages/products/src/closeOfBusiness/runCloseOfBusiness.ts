/**
 * Close of business (COB): one run per product and business date over a list of contracts, cut
 * into chunks. For each chunk: decide the date's commands for every contract, append all their
 * events and the chunk's progress marker in ONE atomic multi-stream append (so a crash never keeps
 * half a chunk), then make their postings and mark the chunk posted (that marker is written with
 * the next chunk's append, or with the run's completion).
 *
 * - Idempotent: a date already completed is answered from its progress stream; a contract already
 *   holding the date's command ids is skipped, so a date run twice changes nothing.
 * - Resumable: a run after a crash skips chunks marked posted, posts chunks marked committed, and
 *   decides the rest.
 * - Concurrent activity: a contract written by an online command between the chunk's read and its
 *   append makes the append conflict; the chunk is decided again (bounded), then contract by
 *   contract.
 * - On EventStoreDB (`atomicMultiStreamAppend` false) the chunk's streams are appended one after
 *   the other with the marker last: a crash can leave a prefix of contracts with their events and
 *   no marker; the resumed run decides that chunk again and finds those contracts done.
 */
import { isWrongExpectedVersion, type Decider, type DomainEvent, type EventSchemas, type EventStore, type StreamAppend } from '@ecoledger/ledger';
import { ProductsError } from '../errors.js';
import { DEFAULT_COB_CHUNK_SIZE, MAX_COB_CHUNK_SIZE } from '../limits.js';
import type { LedgerEffects } from '../posting/ledgerEffects.js';
import type { PostingPort } from '../posting/postingPort.js';
import { cobCorrelationId, COB_CHUNK_COMMITTED, COB_CHUNK_POSTED, COB_COMPLETED, cobProgressOf, cobRecord, cobStream, sameChunk, type ChunkData } from './cobProgress.js';
import type { ContractStateCache } from './contractStateCache.js';
import { decideContracts, type DecideContractsInput, type RefusedContract } from './decideContracts.js';
import { postChunk } from './postChunk.js';
import { recommittedEvents } from './recommitted.js';

/** What a close-of-business run needs. */
export interface CloseOfBusinessOptions<Command, Event extends DomainEvent, State, DecideError> {
  readonly store: EventStore;
  readonly port: PostingPort;
  readonly decider: Decider<Command, Event, State, DecideError>;
  readonly schemas: EventSchemas<Event>;
  readonly effects: (event: Event) => LedgerEffects;
  readonly clock: () => Date;
  /** Names the run's progress stream and derives its command ids (`demand-deposit`). */
  readonly product: string;
  /** The business date closed (`YYYY-MM-DD`). */
  readonly date: string;
  /** The contracts' streams, in an order that is the same when the run is resumed. */
  readonly contracts: readonly string[];
  /** The date's commands for one contract, given its state (none for a closed contract). */
  readonly commandsFor: (state: State) => readonly Command[];
  /** Contracts per chunk (default 1,000, at most 9,999). */
  readonly chunkSize?: number;
  /**
   * Contract states kept from earlier runs on this store and product (see `contractStateCache`):
   * each contract is then read only past its cached revision. The result is the same without it.
   */
  readonly cache?: ContractStateCache<State>;
  readonly tenant?: string;
}

/** What a run did. */
export interface CloseOfBusinessReport<DecideError> {
  readonly date: string;
  /** True when the date was already complete and nothing was done. */
  readonly alreadyCompleted: boolean;
  readonly chunks: number;
  /** Chunks a previous run had finished. */
  readonly chunksResumed: number;
  readonly events: number;
  readonly postings: number;
  readonly alreadyDone: number;
  readonly refused: readonly RefusedContract<DecideError>[];
}

const MAX_CHUNK_ATTEMPTS = 3;

/** Runs (or resumes) close of business for one date; see the module comment. */
export const runCloseOfBusiness = async <Command, Event extends DomainEvent, State, DecideError>(
  options: CloseOfBusinessOptions<Command, Event, State, DecideError>,
): Promise<CloseOfBusinessReport<DecideError>> => {
  const chunkSize = options.chunkSize ?? DEFAULT_COB_CHUNK_SIZE;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_COB_CHUNK_SIZE) {
    throw new ProductsError('cob_invalid', `chunkSize must be an integer 1..${MAX_COB_CHUNK_SIZE}`);
  }
  const { store, product, date } = options;
  options.cache?.bind(store, product);
  const progressStream = cobStream(product, date);
  let progress = cobProgressOf(await store.readStream(progressStream));
  const report = { date, alreadyCompleted: progress.completed, chunks: 0, chunksResumed: 0, events: 0, postings: 0, alreadyDone: 0, refused: [] as RefusedContract<DecideError>[] };
  if (progress.completed) return report;

  const metadata = { correlationId: cobCorrelationId(product, date), tenant: options.tenant ?? 'bank', actor: 'close-of-business', channel: 'batch' as const };
  const record = (type: typeof COB_CHUNK_COMMITTED | typeof COB_CHUNK_POSTED | typeof COB_COMPLETED, data: Parameters<typeof cobRecord>[3]) =>
    cobRecord(product, date, type, data, { ...metadata, causationId: `cob:${product}:${date}`, occurredAt: options.clock().toISOString() });
  const input: DecideContractsInput<Command, Event, State, DecideError> = { ...options, metadata: { ...metadata, occurredAt: options.clock().toISOString() } };

  let revision = progress.revision;
  const appendProgress = async (events: ReturnType<typeof record>[]): Promise<void> => {
    const result = await store.append(progressStream, events, revision);
    revision = result.nextExpectedRevision;
  };

  // A chunk's "posted" marker rides with the next write to the progress stream (usually the next
  // chunk's atomic append), which saves a commit per chunk. A crash before that write leaves the
  // chunk "committed": the resumed run posts it again and the ledger answers `exists`.
  let postedPending: { readonly chunk: number; readonly record: ReturnType<typeof record> } | undefined;
  const withPosted = (events: ReturnType<typeof record>[]): ReturnType<typeof record>[] =>
    postedPending === undefined || progress.posted.has(postedPending.chunk) ? events : [postedPending.record, ...events];

  for (let start = 0, chunkIndex = 0; start < options.contracts.length; start += chunkSize, chunkIndex++) {
    const streams = options.contracts.slice(start, start + chunkSize);
    const chunk: ChunkData = { chunk: chunkIndex, first: streams[0]!, last: streams[streams.length - 1]!, count: streams.length };
    report.chunks++;
    if (sameChunk(progress.posted.get(chunkIndex), chunk)) {
      report.chunksResumed++;
      continue;
    }
    if (sameChunk(progress.committed.get(chunkIndex), chunk)) {
      // Committed before a crash, postings perhaps not made: make them (derived ids answer `exists`).
      const events = await recommittedEvents(input, streams);
      report.postings += await postChunk(options.port, events.map(({ event, place }) => ({ place, effects: options.effects(event) })));
      await appendProgress(withPosted([record(COB_CHUNK_POSTED, chunk)]));
      postedPending = undefined;
      report.chunksResumed++;
      continue;
    }

    let decided = await decideContracts(input, streams);
    for (let attempt = 1; ; attempt++) {
      const marker = record(COB_CHUNK_COMMITTED, chunk);
      const appends: StreamAppend[] = [...decided.appends, { stream: progressStream, events: withPosted([marker]), expectedRevision: revision }];
      try {
        const result = await store.appendMany(appends);
        revision = result.streams[result.streams.length - 1]!.nextExpectedRevision;
        postedPending = undefined;
        for (const { stream, entry } of decided.states) options.cache?.set(stream, entry);
        break;
      } catch (error) {
        if (!isWrongExpectedVersion(error) || attempt === MAX_CHUNK_ATTEMPTS) throw error;
        // An online command wrote one of the contracts (or another run wrote the progress): decide again.
        progress = cobProgressOf(await store.readStream(progressStream));
        revision = progress.revision;
        decided = await decideContracts(input, streams);
      }
    }
    report.events += decided.events.length;
    report.alreadyDone += decided.alreadyDone;
    report.refused.push(...decided.refused);
    report.postings += await postChunk(options.port, decided.events.map(({ event, place }) => ({ place, effects: options.effects(event) })));
    postedPending = { chunk: chunkIndex, record: record(COB_CHUNK_POSTED, chunk) };
  }
  await appendProgress(withPosted([record(COB_COMPLETED, { contracts: options.contracts.length, events: report.events })]));
  return report;
};
