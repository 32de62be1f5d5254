/**
 * Pins the public surface: every name each published entry point exports (values and types),
 * so that adding or removing an export is a deliberate change of the snapshot files next to this
 * test (`npx vitest run test/publicSurface -u` rewrites them; review the diff).
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** Each published entry point and the source file behind it. */
const entries = {
  '@ecoledger/ledger': 'packages/ledger/src/index.ts',
  '@ecoledger/ledger/sqlite': 'packages/ledger/src/eventStore/sqlite/index.ts',
  '@ecoledger/ledger/postgres': 'packages/ledger/src/eventStore/postgres/index.ts',
  '@ecoledger/ledger/eventstoredb': 'packages/ledger/src/eventStore/eventStoreDb/index.ts',
  '@ecoledger/ledger/testing': 'packages/ledger/src/testing/index.ts',
  '@ecoledger/products': 'packages/products/src/index.ts',
  '@ecoledger/cli': 'packages/cli/src/index.ts',
} as const;

/** Machinery that must stay out of the main entry (the book's internals, codecs, store plumbing). */
const internals = [
  'evolveBook',
  'initialBookState',
  'decideBook',
  'bookDecider',
  'sealBatch',
  'eventHash',
  'canonicalJson',
  'applyMovement',
  'LedgerIndex',
  'restoreSnapshot',
  'requestFingerprint',
  'itemCodecOf',
  'closedStruct',
  'EventEnvelopeCodec',
  'validateAppend',
  'startCatchUpSubscription',
  'startPeriod',
  'requireDriver',
];

const program = ts.createProgram(
  Object.values(entries).map(repo),
  {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    customConditions: ['@ecoledger/source'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  },
);
const checker = program.getTypeChecker();

/** `name` for a value (or class, which is both), `type name` for a type-only export, sorted. */
const surfaceOf = (path: string): string[] => {
  const file = program.getSourceFile(repo(path));
  if (file === undefined) throw new Error(`${path} is not in the program`);
  const module = checker.getSymbolAtLocation(file);
  if (module === undefined) throw new Error(`${path} has no module symbol`);
  return checker
    .getExportsOfModule(module)
    .map((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return target.flags & ts.SymbolFlags.Value ? symbol.name : `type ${symbol.name}`;
    })
    .sort((a, b) => a.replace(/^type /, '').localeCompare(b.replace(/^type /, '')));
};

describe('the public surface', () => {
  for (const [entry, path] of Object.entries(entries)) {
    it(`${entry} exports exactly the names in its snapshot`, async () => {
      await expect(`${surfaceOf(path).join('\n')}\n`).toMatchFileSnapshot(`./${entry.replace(/^@ecoledger\//, '').replace('/', '-')}.exports.txt`);
    });
  }

  it('the main entry and the adapters export none of the internals', () => {
    const exported = new Set(
      ['@ecoledger/ledger', '@ecoledger/ledger/sqlite', '@ecoledger/ledger/postgres', '@ecoledger/ledger/eventstoredb'].flatMap((entry) =>
        surfaceOf(entries[entry as keyof typeof entries]).map((name) => name.replace(/^type /, '')),
      ),
    );
    expect(internals.filter((name) => exported.has(name))).toEqual([]);
  });

  it('the main entry exports what a user of the README needs', () => {
    const main = new Set(surfaceOf(entries['@ecoledger/ledger']));
    for (const name of ['Book', 'createInMemoryEventStore', 'openEventStore', 'verifyLedgerStore', 'ledgerResultMessages', 'isDriverNotInstalled', 'DriverNotInstalledError', 'money', 'LedgerReadModel', 'createCommandHandler', 'type Decider', 'type EventStore', 'type TransferBatchItem']) {
      expect(main.has(name), name).toBe(true);
    }
  });
});
