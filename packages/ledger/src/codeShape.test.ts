/**
 * The package's shape, checked on its files: which folder may import which, and where test kits live.
 * A rule broken here is a dependency or a test helper in the wrong place, not a behaviour bug.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = dirname(fileURLToPath(import.meta.url));
const testKit = join(src, '..', 'test-kit');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.name.endsWith('.ts') ? [path] : [];
  });

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

/** Relative import specifiers of a TypeScript file, resolved to paths relative to `src`. */
export const localImportsOf = (file: string, text: string = readFileSync(file, 'utf8')): string[] =>
  [...text.matchAll(SPECIFIER)]
    .map((match) => match[1]!)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(src, resolve(dirname(file), specifier)).split(sep).join('/'));

describe('codecs/ depends on nothing in eventStore/', () => {
  it('the import scanner sees static, type-only and dynamic imports', () => {
    const file = join(src, 'codecs', 'example.ts');
    const text = "import type { A } from '../eventStore/a.js';\nimport { b } from './b.js';\nconst c = await import('../eventStore/c.js');\nimport '../eventStore/d.js';";
    expect(localImportsOf(file, text)).toEqual(['eventStore/a.js', 'codecs/b.js', 'eventStore/c.js', 'eventStore/d.js']);
  });

  it('no file under codecs/ imports from eventStore/', () => {
    const offenders = filesUnder(join(src, 'codecs')).flatMap((file) =>
      localImportsOf(file)
        .filter((target) => target.startsWith('eventStore/'))
        .map((target) => `${relative(src, file)} -> ${target}`),
    );
    expect(offenders).toEqual([]);
  });
});

/** Names that mark a test kit: fixtures, arbitraries' support files, test databases, test kits. */
const TEST_KIT_NAME = /test-support|fixture|test-?kit|test-?support|test-?databases?/i;

/** True for a file that must live in test-kit/, not in a production folder. */
export const isTestKitFile = (path: string): boolean => {
  const name = path.split('/').pop()!;
  return !name.endsWith('.test.ts') && TEST_KIT_NAME.test(name);
};

describe('test kits live outside production folders', () => {
  it('the naming rule recognises the kits and leaves tests and production files alone', () => {
    for (const path of ['ledger/specFixtures.test-support.ts', 'projections/testFixtures.ts', 'money/testSupport.ts', 'commandHandling/bankAccount.fixture.ts', 'eventStore/postgres/postgresTestKit.ts', 'projections/sql/testDatabases.test-support.ts']) {
      expect(isTestKitFile(path)).toBe(true);
    }
    for (const path of ['ledger/book.test.ts', 'ledger/book.ts', 'ledger/effects/postingEffects.ts', 'projections/sql/sqlLedgerReadModel.ts']) expect(isTestKitFile(path)).toBe(false);
  });

  it('no production folder under src/ holds a test kit (src/testing/ is the shipped @ecoledger/ledger/testing kit)', () => {
    const misplaced = filesUnder(src)
      .map((file) => relative(src, file).split(sep).join('/'))
      .filter((path) => !path.startsWith('testing/') && isTestKitFile(path));
    expect(misplaced).toEqual([]);
  });

  it('no production file imports test-kit/, so no build can pull it in', () => {
    const offenders = filesUnder(src)
      .filter((file) => !file.endsWith('.test.ts'))
      .flatMap((file) => localImportsOf(file).filter((target) => target.startsWith('../test-kit/')).map((target) => `${relative(src, file)} -> ${target}`));
    expect(offenders).toEqual([]);
  });

  it('test-kit/ holds the kits', () => {
    expect(filesUnder(testKit).length).toBeGreaterThan(0);
  });
});
