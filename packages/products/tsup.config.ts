import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  // Declarations against the built dist of @ecoledger/ledger, not its sources.
  dts: { compilerOptions: { composite: false, customConditions: [] } },
  sourcemap: true,
  target: 'node20',
  external: ['@ecoledger/ledger'],
});
