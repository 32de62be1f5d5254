import { describe, expect, it } from 'vitest';
import { staleBuilds, type PackageFiles } from '../scripts/staleness.mjs';

const at = (path: string, mtimeMs: number) => ({ path, mtimeMs });

/** ledger <- examples <- cli, each built at 100 from sources written at 50, unless changed. */
const workspace = (changes: Partial<Record<string, Partial<PackageFiles>>> = {}): PackageFiles[] =>
  [
    { name: 'ledger', inputs: [at('ledger/src/a.ts', 50), at('ledger/package.json', 10)], outputs: [at('ledger/dist/index.js', 100), at('ledger/dist/index.d.ts', 101)], dependsOn: ['fp-ts'] },
    { name: 'examples', inputs: [at('examples/src/bankDay.ts', 50)], outputs: [at('examples/dist/index.js', 110)], dependsOn: ['ledger'] },
    { name: 'cli', inputs: [at('cli/src/main.ts', 50), at('cli/tsup.config.ts', 5)], outputs: [at('cli/dist/bin.js', 120)], dependsOn: ['ledger', 'examples', 'commander'] },
  ].map((pkg) => ({ ...pkg, ...changes[pkg.name] }));

describe('staleBuilds: which packages npm run demo / bench must build first', () => {
  it('nothing when every output is newer than its inputs and its dependencies\' outputs', () => {
    expect(staleBuilds(workspace(), ['cli'])).toEqual([]);
    expect(staleBuilds(workspace(), ['ledger'])).toEqual([]);
  });

  it('a package never built, with the packages that use it, in build order', () => {
    expect(staleBuilds(workspace({ ledger: { outputs: [] } }), ['cli'])).toEqual([
      { name: 'ledger', reason: 'not built yet' },
      { name: 'examples', reason: 'ledger is rebuilt' },
      { name: 'cli', reason: 'ledger is rebuilt' },
    ]);
  });

  it('a changed source or config file names the newest one', () => {
    expect(staleBuilds(workspace({ cli: { inputs: [at('cli/src/main.ts', 130), at('cli/tsup.config.ts', 140)] } }), ['cli'])).toEqual([
      { name: 'cli', reason: 'sources changed: cli/tsup.config.ts' },
    ]);
    // An input newer than the oldest output counts, even when a later output is newer still.
    expect(staleBuilds(workspace({ ledger: { inputs: [at('ledger/src/a.ts', 100.5)] } }), ['ledger'])).toEqual([{ name: 'ledger', reason: 'sources changed: ledger/src/a.ts' }]);
  });

  it('only what the target needs: bench needs the ledger, not the CLI', () => {
    const changed = workspace({ cli: { inputs: [at('cli/src/main.ts', 999)] } });
    expect(staleBuilds(changed, ['ledger'])).toEqual([]);
    expect(staleBuilds(changed, ['cli'])).toEqual([{ name: 'cli', reason: 'sources changed: cli/src/main.ts' }]);
  });

  it('a dependency built after the package (by hand, say) makes it stale', () => {
    expect(staleBuilds(workspace({ examples: { outputs: [at('examples/dist/index.js', 130)] } }), ['cli'])).toEqual([{ name: 'cli', reason: 'examples was built after it' }]);
  });

  it('names an unknown target and refuses a cycle', () => {
    expect(() => staleBuilds(workspace(), ['nope'])).toThrow(/unknown workspace package nope/);
    const cyclic = workspace({ ledger: { dependsOn: ['cli'] } });
    expect(() => staleBuilds(cyclic, ['cli'])).toThrow(/cycle/);
  });
});
