import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { bin: 'src/bin.ts', index: 'src/index.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' }, compilerOptions: { composite: false, customConditions: [] } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  // The demo's scenarios live in the private workspace @ecoledger/examples: they are bundled into
  // the CLI so that the published package depends on no private package.
  noExternal: ['@ecoledger/examples'],
});
