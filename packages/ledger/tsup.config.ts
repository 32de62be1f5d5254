import { defineConfig } from 'tsup';

const common = {
  // Declarations against the built dist of sibling packages, not their sources.
  dts: { compilerOptions: { composite: false, customConditions: [] } },
  sourcemap: true,
  target: 'node20',
  // `requireDriver` resolves drivers from `import.meta.url`; the shim gives CommonJS the same.
  shims: true,
} as const;

export default defineConfig([
  {
    ...common,
    // Each adapter is its own entry, so that `@ecoledger/ledger` alone never loads a native driver.
    entry: {
      index: 'src/index.ts',
      'sqlite/index': 'src/eventStore/sqlite/index.ts',
      'postgres/index': 'src/eventStore/postgres/index.ts',
      'eventstoredb/index': 'src/eventStore/eventStoreDb/index.ts',
    },
    format: ['esm', 'cjs'],
    // No `clean` here: the two builds run in parallel, and a clean in one deleted the other's
    // declarations (dist/testing/index.d.ts went missing from the tarball). `npm run build`
    // empties dist once, before both.
    external: ['better-sqlite3', 'pg', '@eventstore/db-client'],
  },
  // The testing helpers import vitest, which is ESM-only: no CommonJS build for them.
  { ...common, entry: { 'testing/index': 'src/testing/index.ts' }, format: ['esm'], external: ['vitest', 'fast-check', 'better-sqlite3', 'pg', '@eventstore/db-client', '@grpc/grpc-js', 'google-protobuf'] },
]);
