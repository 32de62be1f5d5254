/**
 * Test kits live outside production folders in every package, not only in the ledger (whose own
 * codeShape test also checks its import directions). A production folder is any `src/` of a
 * workspace; `packages/ledger/src/testing/` is the shipped `@ecoledger/ledger/testing` kit.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const productionFolders = ['packages/ledger/src', 'packages/products/src', 'packages/cli/src', 'examples/src'];
const shippedKit = 'packages/ledger/src/testing/';

/** Names that mark a test kit: fixtures, support files of tests, test databases, test kits. */
const TEST_KIT_NAME = /test-support|fixture|test-?kit|test-?support|test-?databases?/i;

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.name.endsWith('.ts') ? [path] : [];
  });

describe('test kits live outside production folders, in every package', () => {
  it('no src/ folder of a workspace holds a test kit', () => {
    const misplaced = productionFolders
      .flatMap((folder) => filesUnder(join(root, folder)))
      .map((file) => relative(root, file).split(sep).join('/'))
      .filter((path) => !path.startsWith(shippedKit) && !path.endsWith('.test.ts') && TEST_KIT_NAME.test(path.split('/').pop()!));
    expect(misplaced).toEqual([]);
  });
});
