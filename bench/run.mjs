// Bundles the TypeScript benchmark suite with esbuild (against the built packages) and runs it.
// Usage: npm run bench [-- --quick] [-- --json] [-- --only <suite>]
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'bench', '.build');
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: [join(root, 'bench', 'main.ts')],
  outfile: join(outdir, 'main.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
await import(pathToFileURL(join(outdir, 'main.mjs')).href);
