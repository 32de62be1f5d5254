/** The `ecoledger` command, as a library: `main(argv, io)` resolves to the exit code. */
export { main } from './main.js';
export type { CliIo } from './io.js';
export { openStore, StoreUrlError } from './storeUrl.js';
