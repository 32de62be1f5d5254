// Builds the workspace packages a root script needs, and only those that are out of date, saying
// what it builds and why; silent when everything is up to date.
// Usage: node scripts/buildIfStale.mjs <package name>...   (e.g. @ecoledger/cli)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleBuilds } from './staleness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Files a package's build reads besides its sources. */
const CONFIG_FILES = ['package.json', 'tsup.config.ts', 'tsconfig.json'];
/** Sources that never reach the build output. */
const NOT_BUILT = /\.test\.ts$|\.test-support\.ts$/;

const filesUnder = (dir) => {
  if (!existsSync(dir)) return [];
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...filesUnder(path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
};

const timed = (paths) => paths.filter((path) => existsSync(path)).map((path) => ({ path: relative(root, path), mtimeMs: statSync(path).mtimeMs }));

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

const workspaces = () => {
  const manifest = readJson(join(root, 'package.json'));
  const names = new Set();
  const packages = manifest.workspaces.map((folder) => {
    const dir = join(root, folder);
    const pkg = readJson(join(dir, 'package.json'));
    names.add(pkg.name);
    const used = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies });
    return {
      name: pkg.name,
      hasBuild: typeof pkg.scripts?.build === 'string',
      inputs: timed([
        ...filesUnder(join(dir, 'src')).filter((path) => !NOT_BUILT.test(path)),
        ...CONFIG_FILES.map((file) => join(dir, file)),
        join(root, 'tsconfig.base.json'),
      ]),
      outputs: timed(filesUnder(join(dir, 'dist'))),
      used,
    };
  });
  return packages.filter((pkg) => pkg.hasBuild).map(({ used, hasBuild: _, ...pkg }) => ({ ...pkg, dependsOn: used.filter((name) => names.has(name)) }));
};

const targets = process.argv.slice(2);
if (targets.length === 0) {
  process.stderr.write('usage: node scripts/buildIfStale.mjs <workspace package>...\n');
  process.exit(2);
}
for (const { name, reason } of staleBuilds(workspaces(), targets)) {
  process.stderr.write(`building ${name} (${reason})…\n`);
  const started = Date.now();
  const build = spawnSync('npm', ['run', 'build', '--silent', '-w', name], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}building ${name} failed\n`);
    process.exit(build.status ?? 1);
  }
  process.stderr.write(`built ${name} in ${Math.round((Date.now() - started) / 1000)} s\n`);
}
