/**
 * Child processes of the cross-process tests (crash and saga tests) run as plain JavaScript: each
 * entry is bundled once per run with esbuild, from the workspace sources (the `@ecoledger/source`
 * condition), with native drivers left external and resolved through a `node_modules` link to the
 * repository's.
 */
import { symlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Bundles `entry` into `outfile` (an ES module) inside `workDir`, and links the repository's node_modules there. */
export const bundleChild = async (entry: string, workDir: string, outfile: string, external: readonly string[]): Promise<void> => {
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@ecoledger/source'],
    external: [...external],
    // Bundled CommonJS dependencies (uuid) require Node built-ins: give the ES module a `require`.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    outfile,
    logLevel: 'silent',
  });
  await symlink(join(repoRoot, 'node_modules'), join(workDir, 'node_modules'), 'dir');
};
