import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../test-kit/cliTestSupport.js';

/**
 * The real process: bin.ts bundled from the sources (so the test never runs a stale dist), spawned
 * with node. Drivers and other dependencies stay external and load from node_modules, as installed.
 */
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const bin = join(packageRoot, '.tmp', `bin-${process.pid}.mjs`);
const dir = mkdtempSync(join(tmpdir(), 'ecoledger-bin-'));

beforeAll(async () => {
  await build({
    entryPoints: [join(packageRoot, 'src', 'bin.ts')],
    outfile: bin,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@ecoledger/source'],
    logLevel: 'warning',
    plugins: [
      {
        name: 'dependencies-external',
        setup: (b) => {
          b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@ecoledger/') ? undefined : { path: args.path, external: true }));
        },
      },
    ],
  });
});
afterAll(() => {
  rmSync(bin, { force: true });
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the bin; a generous kill timeout only guards against a process that never exits. */
const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
};

describe('the ecoledger process', () => {
  it('--version and --help exit 0', () => {
    expect(run('--version')).toMatchObject({ status: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    expect(run('verify', '--help')).toMatchObject({ status: 0, stdout: expect.stringContaining('Usage: ecoledger verify [options]') });
  });

  it('user mistakes exit 2 on their own (no pool or socket keeps the process alive) with one line and no stack trace', async () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database\n'.repeat(100));
    const port = await closedPort();
    const cases = [
      ['demo', '--store', 'memory:', 'extra'],
      ['demo', '--store=memory:', '--store=memory:'],
      ['demo', '--store', `postgres://postgres@127.0.0.1:${port}/test`],
      ['verify', '--store', `esdb://127.0.0.1:${port}?tls=false`],
      ['demo', '--store', `sqlite:${join(dir, 'missing', 'x.db')}`],
      ['verify', '--store', `sqlite:${text}`],
      ['demo', '--store', 'postgres://[bad'],
    ];
    for (const argv of cases) {
      const result = run(...argv);
      expect(result.signal, argv.join(' ')).toBeNull();
      expect(result.status, `${argv.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr, argv.join(' ')).toMatch(/^ecoledger (demo|verify): [^\n]+\n$/);
      expect(result.stderr).not.toMatch(/\bat .*:\d+:\d+/);
      expect(result.stdout).toBe('');
    }
  });

  it('demo on a SQLite file exits 0, verify on it exits 0', () => {
    const url = `sqlite:${join(dir, 'demo.db')}`;
    expect(run('demo', '--store', url)).toMatchObject({ status: 0, stdout: expect.stringContaining('All invariants hold') });
    expect(run('verify', `--store=${url}`)).toMatchObject({ status: 0, stdout: expect.stringContaining('verify OK') });
  });
});
