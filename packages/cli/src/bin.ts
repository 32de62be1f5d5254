#!/usr/bin/env node
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  // main() answers user mistakes with exit 2; what reaches here is a bug, so keep its stack.
  (error: unknown) => {
    process.stderr.write(`ecoledger: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
