/**
 * SIGKILL test of product postings: a child process (`productPostingsWriter.ts`, bundled with
 * esbuild) handles random wallet commands (hold, record, post) over a SQLite file and is killed at
 * random moments, at least 24 times a run, each time restarted over the same file.
 *
 * After each kill the test copies the file (the dead child's database and its WAL), recovers the
 * copy the way a service does (`repairHolds` with grace 0 and `catchUpPostings`, in a random order)
 * and checks it: every recorded product event's postings exist exactly once, nothing moved for an
 * unrecorded event, no product hold is left pending, the trial balance is zero, each wallet's state
 * equals its ledger account, every command acknowledged `ok` is recorded and every command last
 * refused is not. The original file is left to the next child, whose own start-up recovery then has
 * real work to do; it is checked at the next kill, and the last state in place at the end.
 *
 * Seeded: a failure names the seed and the kill; `PRODUCT_CRASH_SEED=<seed>` replays the plan
 * (the kill moments still depend on the machine's timing).
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlCheckpointStore, decimalToMinor } from '@ecoledger/ledger';
import { createSqliteEventStore } from '@ecoledger/ledger/sqlite';
import { POSTING_ATTEMPT_ABANDONED } from '../../packages/products/src/posting/abandonedAttempt.js';
import { catchUpPostings } from '../../packages/products/src/posting/postingCatchUp.js';
import { repairHolds } from '../../packages/products/src/posting/repairHolds.js';
import { checkProductPostings, trialBalanceGaps } from '../../packages/products/test-kit/productPostingsCheck.js';
import { walletAccount, walletBook, walletDecider, walletSchemas, walletSource, type WalletEvent } from '../../packages/products/test-kit/walletProduct.js';
import { seededRandom } from './crashPlan.js';
import { bundleChild } from '../support/childBundle.js';
import { commandOf, expectedRefusals, walletIds, walletStream } from './productPostingsPlan.js';

const here = dirname(fileURLToPath(import.meta.url));

/** At least this many kills; more while the run is young (a budget, never an assertion). */
const minKills = 24;
const maxKills = 60;
const extraKillBudgetMs = 30_000;

let workDir: string;
let bundle: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'ecoledger-product-crash-'));
  bundle = join(workDir, 'writer.mjs');
  await bundleChild(join(here, 'productPostingsWriter.ts'), workDir, bundle, ['better-sqlite3']);
});

afterAll(async () => {
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

const sleep = (ms: number): Promise<void> => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/** Runs one writer and kills it with SIGKILL; returns its stdout lines in order. */
const runAndKill = async (dbPath: string, seed: number, run: number, inFlight: readonly string[], random: () => number): Promise<string[]> => {
  const child = spawn(process.execPath, [bundle, dbPath, String(seed), String(run), inFlight.length === 0 ? '-' : inFlight.join(',')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffered = '';
  let stderr = '';
  let acks = 0;
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (buffered + chunk).split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (line.startsWith('ack ')) acks++;
    }
    for (const waiter of [...waiters]) waiter();
  });
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const closed = new Promise<{ signal: NodeJS.Signals | null; code: number | null }>((resolveClosed) => {
    child.on('close', (code, signal) => {
      resolveClosed({ code, signal });
      for (const waiter of [...waiters]) waiter();
    });
  });
  const until = (condition: () => boolean): Promise<void> =>
    new Promise<void>((resolveWait) => {
      const check = (): void => {
        if (condition() || child.exitCode !== null || child.signalCode !== null) {
          waiters.delete(check);
          resolveWait();
        }
      };
      waiters.add(check);
      check();
    });
  const roll = random();
  if (roll < 0.2) {
    // During start-up: opening the file, replaying the book, or the child's own recovery.
    await sleep(Math.floor(random() * 400));
  } else {
    await until(() => lines.includes('ready'));
    // Now and then wait for some answers first, so that every run makes progress whatever the machine's speed.
    if (roll > 0.85) await until(() => acks >= 30);
    await sleep(Math.floor(random() * 400));
  }
  child.kill('SIGKILL');
  const { signal, code } = await closed;
  if (signal !== 'SIGKILL') throw new Error(`writer exited with ${code ?? signal}: ${stderr}`);
  return lines;
};

/** The client's view of each command id: its last `send` not yet answered, or its last answer. */
type CommandState = 'sent' | 'ok' | 'refused';

interface Tally {
  readonly commands: Map<string, CommandState>;
  okAcks: number;
  refusedAcks: number;
  /** Kills after which a hold waited for a post (event recorded) or for a release (no event). */
  killsWithOwedPost: number;
  killsWithOrphanedHold: number;
  posted: number;
  voided: number;
}

const record = (lines: readonly string[], tally: Tally, where: string): void => {
  for (const line of lines) {
    const [kind, commandId, outcome, code] = line.split(' ');
    if (commandId === undefined) continue;
    if (kind === 'send') tally.commands.set(commandId, 'sent');
    if (kind !== 'ack') continue;
    if (outcome === 'ok') {
      tally.okAcks++;
      tally.commands.set(commandId, 'ok');
      continue;
    }
    tally.refusedAcks++;
    expect(expectedRefusals.has(code ?? ''), `${where}: ${line}`).toBe(true);
    expect(tally.commands.get(commandId), `${where}: ${commandId} was answered ok, then refused`).not.toBe('ok');
    tally.commands.set(commandId, 'refused');
  }
};

const copyDatabase = async (from: string, to: string): Promise<void> => {
  for (const suffix of ['', '-wal', '-shm']) await rm(to + suffix, { force: true });
  if (!existsSync(from)) return;
  await copyFile(from, to);
  if (existsSync(`${from}-wal`)) await copyFile(`${from}-wal`, `${to}-wal`);
};

/** Recovers the database at `path` and checks it; see the module comment. */
const recoverAndCheck = async (path: string, tally: Tally, where: string, random: () => number): Promise<void> => {
  const store = await createSqliteEventStore({ path });
  try {
    const { book, port } = await walletBook(store);
    const sources = [walletSource];

    // What the kill left: allowed in flight, but never money moved for nothing or a posting lost.
    const left = await checkProductPostings(store, book, sources);
    expect(left.mismatched, `${where}: postings unlike their events`).toEqual([]);
    expect(left.unexpected, `${where}: postings of no recorded event`).toEqual([]);
    expect(left.lost, `${where}: owed postings with no pending hold`).toEqual([]);
    expect(trialBalanceGaps(book), `${where}: trial balance before recovery`).toEqual([]);
    if (left.pendingOwed.length > 0) tally.killsWithOwedPost++;
    if (left.pendingOrphaned.length > 0) tally.killsWithOrphanedHold++;

    const checkpoints = createSqlCheckpointStore(store.database);
    const repair = (): ReturnType<typeof repairHolds> => repairHolds({ store, port, sources, clock: () => new Date(), graceMs: 0 });
    const catchUp = (): Promise<number> => catchUpPostings({ store, port, sources, checkpoints });
    const report = random() < 0.5 ? await repair() : (await catchUp(), await repair());
    await catchUp();
    tally.posted += report.posted.length;
    tally.voided += report.voided.length;
    expect(report.waiting, `${where}: holds left waiting with grace 0`).toEqual([]);

    const settled = await checkProductPostings(store, book, sources);
    expect(settled, `${where}: after recovery`).toMatchObject({ missing: [], lost: [], mismatched: [], unexpected: [], pendingOwed: [], pendingOrphaned: [] });
    expect(book.openHoldsPage().items, `${where}: holds pending after recovery`).toEqual([]);
    expect(trialBalanceGaps(book), `${where}: trial balance after recovery`).toEqual([]);

    const recorded = new Set<string>();
    for (const walletId of walletIds) {
      let state = walletDecider.initialState();
      for (const event of await store.readStream(walletStream(walletId))) {
        if (event.metadata.commandId !== undefined) recorded.add(event.metadata.commandId);
        if (event.type === POSTING_ATTEMPT_ABANDONED) continue;
        expect(walletSchemas[event.type as WalletEvent['type']], `${where}: unknown event ${event.type}`).toBeDefined();
        state = walletDecider.evolve(state, { type: event.type, data: event.data } as WalletEvent);
      }
      const account = book.account(walletAccount(walletId));
      const balance = account === undefined ? 0n : decimalToMinor(account.creditsPosted, 2) - decimalToMinor(account.debitsPosted, 2);
      expect(balance, `${where}: wallet ${walletId} state against its ledger account`).toBe(state.balance);
    }
    for (const [commandId, state] of tally.commands) {
      if (state === 'ok') expect(recorded.has(commandId), `${where}: acknowledged ${commandId} is not recorded`).toBe(true);
      if (state === 'refused') expect(recorded.has(commandId), `${where}: refused ${commandId} (${commandOf(commandId).command.type}) is recorded`).toBe(false);
    }
  } finally {
    await store.close();
  }
};

describe('product postings under SIGKILL', () => {
  it('posts every recorded product event exactly once and keeps wallets equal to the ledger across repeated kills', async () => {
    const seed = Number(process.env['PRODUCT_CRASH_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
    const random = seededRandom(seed);
    const dbPath = join(workDir, 'products.db');
    const copyPath = join(workDir, 'check.db');
    const tally: Tally = { commands: new Map(), okAcks: 0, refusedAcks: 0, killsWithOwedPost: 0, killsWithOrphanedHold: 0, posted: 0, voided: 0 };
    const started = Date.now();
    let kills = 0;
    while (kills < minKills || (kills < maxKills && Date.now() - started < extraKillBudgetMs)) {
      const where = `seed ${seed}, kill ${kills}`;
      const inFlight = [...tally.commands].flatMap(([commandId, state]) => (state === 'sent' ? [commandId] : []));
      record(await runAndKill(dbPath, seed, kills, inFlight, random), tally, where);
      kills++;
      await copyDatabase(dbPath, copyPath);
      if (existsSync(copyPath)) await recoverAndCheck(copyPath, tally, where, random);
    }
    // The last state in place: what the children themselves left, recovered and checked.
    await recoverAndCheck(dbPath, tally, `seed ${seed}, final`, random);

    expect(kills).toBeGreaterThanOrEqual(20);
    expect(tally.okAcks, `seed ${seed}: no command answered`).toBeGreaterThan(0);
    console.info(
      `product postings crash test (seed ${seed}): ${kills} kills, ${tally.commands.size} command ids, ${tally.okAcks} ok and ${tally.refusedAcks} refused answers; ` +
        `kills leaving a recorded event unposted: ${tally.killsWithOwedPost}, leaving a hold without its event: ${tally.killsWithOrphanedHold}; ` +
        `recovery posted ${tally.posted} and voided ${tally.voided} holds`,
    );
  });
});
