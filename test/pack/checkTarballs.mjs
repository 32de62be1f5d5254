// Checks the packed tarballs: every file the manifests point at is inside, the declarations of
// every entry (including /testing) ship, the ledger depends on no driver, and the CLI depends on
// no private workspace package. Usage: node checkTarballs.mjs <repo> <ledger.tgz> <cli.tgz>
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [repo, ledgerTgz, cliTgz] = process.argv.slice(2);
const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
};

const filesOf = (tgz) => new Set(execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).split('\n').filter(Boolean));
const fileIn = (tgz, path) => execFileSync('tar', ['-xzOf', tgz, `package/${path}`], { encoding: 'utf8' });
const manifestOf = (tgz) => JSON.parse(fileIn(tgz, 'package.json'));

/** Every path an `exports` map, `main`, `types` or `bin` names, except the repo-only source condition. */
const targetsOf = (manifest) => {
  const targets = [];
  const walk = (node, condition) => {
    if (typeof node === 'string') {
      if (condition !== '@ecoledger/source') targets.push(node);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) walk(value, key);
    }
  };
  walk(manifest.exports ?? {}, '');
  for (const field of ['main', 'module', 'types']) if (typeof manifest[field] === 'string') targets.push(manifest[field]);
  for (const bin of Object.values(manifest.bin ?? {})) targets.push(bin);
  return targets.map((target) => target.replace(/^\.\//, ''));
};

const privateNames = ['examples', 'packages/ledger', 'packages/cli']
  .map((dir) => JSON.parse(readFileSync(join(repo, dir, 'package.json'), 'utf8')))
  .filter((manifest) => manifest.private === true)
  .map((manifest) => manifest.name);

for (const [name, tgz] of [['@ecoledger/ledger', ledgerTgz], ['@ecoledger/cli', cliTgz]]) {
  const files = filesOf(tgz);
  const manifest = manifestOf(tgz);
  check(manifest.name === name, `${tgz} holds ${manifest.name}, not ${name}`);
  for (const required of ['package.json', 'README.md', 'LICENSE']) check(files.has(`package/${required}`), `${name} ships no ${required}`);
  for (const target of targetsOf(manifest)) check(files.has(`package/${target}`), `${name}: package.json points at ${target}, which is not in the tarball`);
  for (const file of files) {
    check(!file.startsWith('package/src/') && !/\.test\.|test-support/.test(file), `${name} ships a source or test file: ${file}`);
  }
  const runtime = { ...manifest.dependencies, ...manifest.optionalDependencies };
  for (const dependency of Object.keys(runtime)) check(!privateNames.includes(dependency), `${name} depends on the private package ${dependency}`);
  for (const file of files) {
    if (file.endsWith('.js') || file.endsWith('.cjs') || file.endsWith('.d.ts')) {
      for (const privateName of privateNames) {
        check(!new RegExp(`from ["']${privateName}["']|require\\(["']${privateName}["']\\)`).test(fileIn(tgz, file.slice('package/'.length))), `${name}: ${file} imports the private package ${privateName}`);
      }
    }
  }
}

const ledger = manifestOf(ledgerTgz);
for (const driver of ['better-sqlite3', 'pg', '@eventstore/db-client', '@grpc/grpc-js', 'google-protobuf']) {
  check(!(driver in (ledger.dependencies ?? {})), `@ecoledger/ledger depends on ${driver}: it must be an optional peer`);
  check(ledger.peerDependenciesMeta?.[driver]?.optional === true, `@ecoledger/ledger: ${driver} is not an optional peer dependency`);
}
for (const peer of ['fp-ts', 'io-ts']) {
  check(typeof ledger.peerDependencies?.[peer] === 'string' && ledger.peerDependenciesMeta?.[peer]?.optional !== true, `@ecoledger/ledger: ${peer} is not a (required) peer dependency`);
}
const ledgerFiles = filesOf(ledgerTgz);
for (const entry of ['index', 'testing/index', 'sqlite/index', 'postgres/index', 'eventstoredb/index']) {
  check(ledgerFiles.has(`package/dist/${entry}.d.ts`), `@ecoledger/ledger ships no dist/${entry}.d.ts`);
}
const cli = manifestOf(cliTgz);
check(cli.dependencies?.['@ecoledger/ledger'] === ledger.version, `@ecoledger/cli depends on @ecoledger/ledger ${cli.dependencies?.['@ecoledger/ledger']}, not the packed ${ledger.version}`);

if (problems.length > 0) {
  console.error(problems.map((problem) => `tarball check: ${problem}`).join('\n'));
  process.exit(1);
}
console.log(`tarballs ok: ${ledgerFiles.size} files in the ledger, ${filesOf(cliTgz).size} in the CLI`);
