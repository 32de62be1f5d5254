import { defineConfig } from 'tsup';

const common = {
  // Declarations against the built dist of sibling packages, not their sources.
  dts: { compilerOptions: { composite: false, customConditions: [] } },
  sourcemap: true,
  target: 'node20',
} as const;

export default defineConfig([
  { ...common, entry: { index: 'src/index.ts' }, format: ['esm', 'cjs'], clean: true },
  // The testing helpers import vitest, which is ESM-only: no CommonJS build for them.
  { ...common, entry: { 'testing/index': 'src/testing/index.ts' }, format: ['esm'], external: ['vitest', 'fast-check'] },
]);
