/**
 * A fault-injecting {@link EventStore} wrapper for tests: the test scripts which calls fail, and
 * how, and the wrapper passes everything else to the real store.
 *
 * - `append` `'before'`: the call fails and nothing reaches the store (a refused connection);
 * - `append` `'after'`: the store commits the append, then the call fails anyway (the
 *   acknowledgement was lost on the way back: the outcome is unknown to the caller);
 * - `appendMany`: the same, for a whole multi-stream call (a plan's `stream` matches a call that
 *   names that stream among its streams);
 * - reads (`readStream`, `readAll`, `streamRevision`): the call fails without reading.
 *
 * ```ts
 * const store = faultyEventStore(createInMemoryEventStore());
 * store.faults.inject({ operation: 'append', when: 'after' });
 * ```
 */
import type { EventStore } from '../eventStore/eventStore.js';

/** The store operations a fault can hit. */
export type FaultOperation = 'append' | 'appendMany' | 'readStream' | 'readAll' | 'streamRevision';

/** One scripted fault. */
export interface FaultPlan {
  readonly operation: FaultOperation;
  /** For `append` and `appendMany`: fail before the store sees the call (default) or after it committed. Reads always fail before. */
  readonly when?: 'before' | 'after';
  /** Only calls on this stream (default: any stream). */
  readonly stream?: string;
  /** How many matching calls fail (default 1). */
  readonly times?: number;
  /** The error to throw (default an {@link InjectedFaultError}). */
  readonly error?: () => unknown;
}

/** The error an injected fault throws unless the plan names another: looks like a dropped connection. */
export class InjectedFaultError extends Error {
  override readonly name = 'InjectedFaultError';
  /** As Node reports a connection reset. */
  readonly code = 'ECONNRESET';

  constructor(readonly operation: FaultOperation, readonly when: 'before' | 'after') {
    super(`injected fault: ${operation} failed ${when === 'after' ? 'after it committed (acknowledgement lost)' : 'before reaching the store'}`);
  }
}

/** Scripting and counters of a {@link FaultyEventStore}. */
export interface FaultControl {
  /** Adds a fault; faults are matched in the order they were injected. */
  readonly inject: (plan: FaultPlan) => void;
  /** Drops every fault not yet triggered. */
  readonly clear: () => void;
  /** How many faults were triggered so far. */
  readonly triggered: () => number;
  /** How many scripted faults have not triggered yet. */
  readonly pending: () => number;
}

/** A store whose calls fail as scripted through `faults`. */
export interface FaultyEventStore extends EventStore {
  readonly faults: FaultControl;
  /** The wrapped store. */
  readonly inner: EventStore;
}

interface ArmedFault {
  readonly plan: FaultPlan;
  remaining: number;
}

/** Wraps `inner`; no call fails until a fault is injected. */
export const faultyEventStore = (inner: EventStore): FaultyEventStore => {
  let armed: ArmedFault[] = [];
  let triggered = 0;

  /** The fault this call triggers, if any (consumed). */
  const take = (operation: FaultOperation, streams: string | readonly string[] | undefined): FaultPlan | undefined => {
    const names: readonly (string | undefined)[] = Array.isArray(streams) ? streams : [streams as string | undefined];
    const fault = armed.find((f) => f.plan.operation === operation && (f.plan.stream === undefined || names.includes(f.plan.stream)));
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) armed = armed.filter((f) => f !== fault);
    triggered += 1;
    return fault.plan;
  };
  const errorOf = (plan: FaultPlan, when: 'before' | 'after'): unknown => plan.error?.() ?? new InjectedFaultError(plan.operation, when);

  return {
    inner,
    faults: {
      inject: (plan) => {
        const times = plan.times ?? 1;
        if (!Number.isSafeInteger(times) || times < 1) throw new RangeError(`times must be an integer >= 1, got ${String(times)}`);
        armed.push({ plan, remaining: times });
      },
      clear: () => {
        armed = [];
      },
      triggered: () => triggered,
      pending: () => armed.reduce((sum, f) => sum + f.remaining, 0),
    },
    async append(stream, events, expectedRevision) {
      const fault = take('append', stream);
      if (fault === undefined) return inner.append(stream, events, expectedRevision);
      const when = fault.when ?? 'before';
      if (when === 'after') await inner.append(stream, events, expectedRevision);
      throw errorOf(fault, when);
    },
    atomicMultiStreamAppend: inner.atomicMultiStreamAppend,
    async appendMany(appends) {
      // Read the names defensively: the inner store validates the call.
      const streams = Array.isArray(appends) ? appends.map((append) => (append as { stream?: unknown }).stream).filter((name): name is string => typeof name === 'string') : [];
      const fault = take('appendMany', streams);
      if (fault === undefined) return inner.appendMany(appends);
      const when = fault.when ?? 'before';
      if (when === 'after') await inner.appendMany(appends);
      throw errorOf(fault, when);
    },
    async readStream(stream, options) {
      const fault = take('readStream', stream);
      if (fault !== undefined) throw errorOf(fault, 'before');
      return inner.readStream(stream, options);
    },
    async readAll(options) {
      const fault = take('readAll', undefined);
      if (fault !== undefined) throw errorOf(fault, 'before');
      return inner.readAll(options);
    },
    async streamRevision(stream) {
      const fault = take('streamRevision', stream);
      if (fault !== undefined) throw errorOf(fault, 'before');
      return inner.streamRevision(stream);
    },
    subscribe: (options) => inner.subscribe(options),
    close: () => inner.close(),
  };
};
