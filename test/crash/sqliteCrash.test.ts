/**
 * Crash test of the SQLite event store: a child process appends transfer batches to a SQLite file
 * through the public `Book` API and is killed with SIGKILL at random moments, again and again,
 * each time restarted over the same file. After every kill the store must hold every batch the
 * child acknowledged, no batch only in part, and a book whose invariants hold on replay.
 *
 * The child runs as plain JavaScript: `sqliteCrashWriter.ts` is bundled once per run with esbuild.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleChild } from '../support/childBundle.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Book, bookStreams, decimalToMinor, LedgerReadModel, type AccountBalance, type ProjectedAccountBalance } from '@ecoledger/ledger';
import { createSqliteEventStore } from '@ecoledger/ledger/sqlite';
import { batchSizeOf, crashAuditStream, crashBookId, crashLedgers, parseItemId, type AuditData } from './crashPlan.js';

const here = dirname(fileURLToPath(import.meta.url));

/** At least this many kills; more while the run is young (a budget, never an assertion). */
const minKills = 15;
const maxKills = 60;
const extraKillBudgetMs = 20_000;

let workDir: string;
let bundle: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'ecoledger-crash-'));
  bundle = join(workDir, 'writer.mjs');
  await bundleChild(join(here, 'sqliteCrashWriter.ts'), workDir, bundle, ['better-sqlite3']);
});

afterAll(async () => {
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

/** A running writer and what it has said so far. */
interface Writer {
  readonly child: ChildProcess;
  readonly acked: number[];
  /** Resolves on the `ready` line; rejects if the child exits first. */
  readonly ready: () => Promise<void>;
  /** Resolves once `count` acks arrived (used to guarantee progress). */
  readonly acks: (count: number) => Promise<void>;
  /** Resolves when the process has exited and its output is fully read. */
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

const startWriter = (dbPath: string): Writer => {
  const child = spawn(process.execPath, [bundle, dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acked: number[] = [];
  let stderr = '';
  let buffered = '';
  const listeners = new Set<() => void>();
  let sawReady = false;
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const [kind, value] = line.split(' ');
      if (kind === 'ack') acked.push(Number(value));
      if (kind === 'ready') sawReady = true;
    }
    for (const listener of [...listeners]) listener();
  });
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolveClosed) => {
    child.on('close', (code, signal) => {
      resolveClosed({ code, signal, stderr });
      for (const listener of [...listeners]) listener();
    });
  });
  const until = (condition: () => boolean, what: string): Promise<void> =>
    new Promise<void>((resolveWait, rejectWait) => {
      const check = (): void => {
        if (condition()) {
          listeners.delete(check);
          resolveWait();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          listeners.delete(check);
          rejectWait(new Error(`writer exited before ${what}: ${stderr}`));
        }
      };
      listeners.add(check);
      check();
    });
  return {
    child,
    acked,
    ready: () => until(() => sawReady, 'ready'),
    acks: (count) => until(() => acked.length >= count, `${count} acks`),
    closed,
  };
};

const sleep = (ms: number): Promise<void> => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/** How the writer dies this time. */
type KillMoment = 'early' | 'writing' | 'afterAcks';

const killMomentOf = (kill: number, random: () => number): KillMoment => {
  if (kill === minKills - 1) return 'afterAcks'; // guarantees progress, whatever the machine's speed
  return random() < 0.25 ? 'early' : 'writing';
};

/** Runs the writer once and kills it at a random moment of the chosen kind. */
const runAndKill = async (dbPath: string, moment: KillMoment, random: () => number): Promise<number[]> => {
  const writer = startWriter(dbPath);
  try {
    if (moment === 'early') {
      // From right after spawn (before the file is even opened) to during opening.
      await sleep(random() < 0.3 ? 0 : Math.floor(random() * 250));
    } else if (moment === 'writing') {
      await writer.ready();
      await sleep(Math.floor(random() * 300));
    } else {
      await writer.ready();
      await writer.acks(3);
    }
  } finally {
    writer.child.kill('SIGKILL');
  }
  const { code, signal, stderr } = await writer.closed;
  // Killed by us, or (only for an 'early' kill) possibly not started far enough to matter.
  if (signal !== 'SIGKILL') throw new Error(`writer exited with ${code ?? signal}: ${stderr}`);
  return writer.acked;
};

const strip = ({ assetCode: _code, scale: _scale, ...view }: ProjectedAccountBalance): AccountBalance => view;

/** What the checks carry from one kill to the next (stored events never change, so reads are incremental). */
interface Verified {
  readonly acked: Set<number>;
  /** Fed the global log incrementally. */
  readonly model: LedgerReadModel;
  /** Audit events seen per batch, and the audit stream revision to read from next. */
  readonly audited: Map<number, number>;
  nextAuditRevision: bigint;
  /** Book batches stored, and how often the last one was found without its audit yet. */
  batches: number;
  unaudited: number;
}

/**
 * Reopens the file and checks it: acknowledged batches complete, no partial batch (neither in the
 * book nor in the multi-row audit appends), batches a gapless prefix, debits equal credits per
 * asset (pending included), and the read model equal to the book.
 */
const verify = async (dbPath: string, verified: Verified): Promise<void> => {
  const { acked, model, audited } = verified;
  const store = await createSqliteEventStore({ path: dbPath });
  try {
    model.applyAll(await store.readAll({ after: model.position ?? 'start' }));
    const auditEvents = await store.readStream(crashAuditStream, { fromRevision: verified.nextAuditRevision });
    verified.nextAuditRevision += BigInt(auditEvents.length);
    for (const event of auditEvents) {
      const { batch } = event.data as AuditData;
      audited.set(batch, (audited.get(batch) ?? 0) + 1);
    }
    const book = await Book.open({ store, bookId: crashBookId, snapshotEvery: 0 });

    const items = new Map<number, Set<number>>();
    for (const id of book.bookState.postings.keys()) {
      const parsed = parseItemId(id);
      expect(parsed, `unexpected posting id ${id}`).toBeDefined();
      if (parsed === undefined) continue;
      const seen = items.get(parsed.batch) ?? new Set<number>();
      seen.add(parsed.index);
      items.set(parsed.batch, seen);
    }
    for (const [batch, indexes] of items) {
      const size = batchSizeOf(batch);
      expect(indexes.size, `batch ${batch} is only partly stored`).toBe(size);
      expect(Math.max(...indexes), `batch ${batch} has an item beyond its size`).toBe(size - 1);
    }
    const batches = items.size;
    for (let batch = 1; batch <= batches; batch++) expect(items.has(batch), `batch ${batch} missing below ${batches}`).toBe(true);
    for (const batch of acked) expect(items.has(batch), `acknowledged batch ${batch} was lost`).toBe(true);
    for (const [batch, count] of audited) expect(count, `audit of batch ${batch} is only partly stored`).toBe(batchSizeOf(batch));
    for (const batch of acked) expect(audited.has(batch), `audit of acknowledged batch ${batch} was lost`).toBe(true);
    // Only the last book batch may lack its audit: the writer was killed between the two appends.
    for (let batch = 1; batch < batches; batch++) expect(audited.has(batch), `batch ${batch} never audited`).toBe(true);
    expect(audited.size).toBeLessThanOrEqual(batches);
    if (batches > 0 && !audited.has(batches)) verified.unaudited++;
    verified.batches = batches;

    const accounts = book.accounts();
    for (const ledger of crashLedgers) {
      const scale = ledger.asset.scale;
      const sum = (field: 'debitsPosted' | 'creditsPosted' | 'debitsPending' | 'creditsPending'): bigint =>
        accounts.filter((account) => account.ledger === ledger.id).reduce((total, account) => total + decimalToMinor(account[field], scale), 0n);
      expect(sum('debitsPosted'), `${ledger.asset.code} posted`).toBe(sum('creditsPosted'));
      expect(sum('debitsPending'), `${ledger.asset.code} pending`).toBe(sum('creditsPending'));
    }
    expect(model.trialBalance().balanced).toBe(true);
    expect(model.balances().map(strip)).toEqual(accounts);
  } finally {
    await store.close();
  }
};

describe('SQLite crash safety', () => {
  it('keeps every acknowledged batch and no partial one across repeated SIGKILLs of the writer', async () => {
    const dbPath = join(workDir, 'ledger.db');
    const random = Math.random;
    const verified: Verified = {
      acked: new Set(),
      model: new LedgerReadModel({ streams: (name) => name === bookStreams(crashBookId).events }),
      audited: new Map(),
      nextAuditRevision: 0n,
      batches: 0,
      unaudited: 0,
    };
    const { acked, model } = verified;
    const started = Date.now();
    let kills = 0;
    const moments: Record<KillMoment, number> = { early: 0, writing: 0, afterAcks: 0 };
    while (kills < minKills || (kills < maxKills && Date.now() - started < extraKillBudgetMs)) {
      const moment = killMomentOf(kills, random);
      for (const batch of await runAndKill(dbPath, moment, random)) acked.add(batch);
      kills++;
      moments[moment]++;
      await verify(dbPath, verified);
    }

    // A full replay from scratch agrees with the incrementally fed model.
    const store = await createSqliteEventStore({ path: dbPath });
    const fresh = new LedgerReadModel({ streams: (name) => name === bookStreams(crashBookId).events });
    fresh.applyAll(await store.readAll());
    await store.close();
    expect(fresh.balances()).toEqual(model.balances());

    expect(kills).toBeGreaterThanOrEqual(minKills);
    expect(acked.size).toBeGreaterThanOrEqual(3);
    console.info(
      `sqlite crash test: ${kills} kills (${moments.early} early, ${moments.writing} while writing, ${moments.afterAcks} after acks), ` +
        `${verified.batches} batches stored, ${acked.size} acknowledged; ${verified.unaudited} times killed between a batch and its audit`,
    );
  });
});
