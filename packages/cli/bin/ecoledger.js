#!/usr/bin/env node
// The committed entry point of the `ecoledger` command. npm links a package's bin when it
// installs it, and skips a bin whose file does not exist yet: in a fresh clone dist/ is only
// built after `npm install`, so the bin points here, not at dist/bin.js.
import { existsSync } from 'node:fs';

const built = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('ecoledger: the CLI is not built yet (packages/cli/dist/bin.js is missing): run `npm run build` first\n');
  process.exit(2);
}
await import(built.href);
