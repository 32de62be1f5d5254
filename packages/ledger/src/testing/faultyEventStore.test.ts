import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../eventStore/inMemoryEventStore.js';
import { testEvents } from './eventFixtures.js';
import { rejectionOf } from './eventStoreContract.js';
import { faultyEventStore, InjectedFaultError } from './index.js';

describe('faultyEventStore', () => {
  it('passes calls through until a fault is injected', async () => {
    const store = faultyEventStore(createInMemoryEventStore());
    await store.append('s-1', testEvents(2), 'no_stream');
    expect(await store.readStream('s-1')).toHaveLength(2);
    expect(await store.streamRevision('s-1')).toBe(1n);
    expect(store.faults.triggered()).toBe(0);
  });

  it('an append failing before reaches nothing; one failing after has committed', async () => {
    const store = faultyEventStore(createInMemoryEventStore());
    store.faults.inject({ operation: 'append', when: 'before' });
    expect(await rejectionOf(store.append('s-1', testEvents(1), 'no_stream'))).toBeInstanceOf(InjectedFaultError);
    expect(await store.inner.readAll()).toHaveLength(0);
    store.faults.inject({ operation: 'append', when: 'after' });
    const lost = await rejectionOf(store.append('s-1', testEvents(1), 'no_stream'));
    expect(lost).toMatchObject({ name: 'InjectedFaultError', code: 'ECONNRESET', when: 'after' });
    expect(await store.inner.readAll()).toHaveLength(1);
    expect(store.faults.triggered()).toBe(2);
  });

  it('fails reads as scripted: per stream, a number of times, with the given error', async () => {
    const store = faultyEventStore(createInMemoryEventStore());
    await store.append('s-1', testEvents(1), 'no_stream');
    store.faults.inject({ operation: 'readStream', stream: 's-2', times: 2, error: () => new Error('boom') });
    expect(await store.readStream('s-1')).toHaveLength(1);
    expect(await rejectionOf(store.readStream('s-2'))).toMatchObject({ message: 'boom' });
    expect(store.faults.pending()).toBe(1);
    expect(await rejectionOf(store.readStream('s-2'))).toMatchObject({ message: 'boom' });
    expect(await store.readStream('s-2')).toEqual([]);
    store.faults.inject({ operation: 'readAll' });
    store.faults.inject({ operation: 'streamRevision' });
    expect(await rejectionOf(store.readAll())).toBeInstanceOf(InjectedFaultError);
    expect(await rejectionOf(store.streamRevision('s-1'))).toBeInstanceOf(InjectedFaultError);
    store.faults.inject({ operation: 'append' });
    store.faults.clear();
    await store.append('s-1', testEvents(1), 0n);
    expect(store.faults.pending()).toBe(0);
  });

  it('fails an appendMany as scripted: before writes nothing, after has committed, matched by any of its streams', async () => {
    const store = faultyEventStore(createInMemoryEventStore());
    const call = () => [
      { stream: 's-1', events: testEvents(1), expectedRevision: 'any' as const },
      { stream: 's-2', events: testEvents(2), expectedRevision: 'any' as const },
    ];
    store.faults.inject({ operation: 'appendMany', stream: 's-3' });
    store.faults.inject({ operation: 'appendMany', stream: 's-2', when: 'before' });
    expect(await rejectionOf(store.appendMany(call()))).toBeInstanceOf(InjectedFaultError);
    expect(await store.inner.readAll()).toHaveLength(0);
    store.faults.inject({ operation: 'appendMany', when: 'after' });
    expect(await rejectionOf(store.appendMany(call()))).toMatchObject({ name: 'InjectedFaultError', when: 'after' });
    expect(await store.inner.readAll()).toHaveLength(3);
    expect(store.faults.pending()).toBe(1);
    expect(store.atomicMultiStreamAppend).toBe(true);
  });
});
