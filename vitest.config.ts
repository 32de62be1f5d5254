import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests run against the TypeScript sources, not the built dist.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@ecoledger\/ledger\/testing$/, replacement: src('./packages/ledger/src/testing/index.ts') },
      { find: /^@ecoledger\/ledger\/sqlite$/, replacement: src('./packages/ledger/src/eventStore/sqlite/index.ts') },
      { find: /^@ecoledger\/ledger\/postgres$/, replacement: src('./packages/ledger/src/eventStore/postgres/index.ts') },
      { find: /^@ecoledger\/ledger\/eventstoredb$/, replacement: src('./packages/ledger/src/eventStore/eventStoreDb/index.ts') },
      { find: /^@ecoledger\/products$/, replacement: src('./packages/products/src/index.ts') },
      { find: /^@ecoledger\/ledger$/, replacement: src('./packages/ledger/src/index.ts') },
      { find: /^@ecoledger\/examples$/, replacement: src('./examples/src/index.ts') },
      { find: /^@ecoledger\/cli$/, replacement: src('./packages/cli/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
