/**
 * Checks that the decider specifications of this folder, together, produce every result code of
 * `ledgerResultMessages`. Vitest isolates test files, so the codes cannot be shared in memory: the
 * other `*.spec.test.ts` files are run once more in a child Vitest process whose fixtures append
 * each code a passing assertion produced to a file (see `specFixtures.test-support.ts`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ledgerResultMessages, transientResultCodes } from '../errors.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..', '..');
const self = 'resultCodes.spec.test.ts';
const specFiles = readdirSync(here)
  .filter((name) => name.endsWith('.spec.test.ts') && name !== self)
  .sort()
  .map((name) => relative(root, join(here, name)));

describe('result code coverage', () => {
  it('the transient codes are result codes', () => {
    for (const code of transientResultCodes) expect(Object.keys(ledgerResultMessages)).toContain(code);
  });

  it.skipIf(process.env['LEDGER_SPEC_CODES_FILE'] !== undefined)(
    'the specifications produce every code of ledgerResultMessages',
    () => {
      expect(specFiles.length).toBeGreaterThanOrEqual(7);
      const dir = mkdtempSync(join(tmpdir(), 'ledger-spec-codes-'));
      try {
        const file = join(dir, 'codes.txt');
        const env: NodeJS.ProcessEnv = {};
        for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('VITEST') && key !== 'TEST') env[key] = value;
        env['LEDGER_SPEC_CODES_FILE'] = file;
        const run = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...specFiles, '--reporter=dot'], {
          cwd: root,
          env,
          encoding: 'utf8',
          timeout: 600_000,
        });
        expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
        const produced = new Set(readFileSync(file, 'utf8').split('\n').filter((line) => line !== ''));
        const known = Object.keys(ledgerResultMessages);
        expect([...produced].filter((code) => !known.includes(code))).toEqual([]);
        expect(known.filter((code) => !produced.has(code))).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    600_000,
  );
});
