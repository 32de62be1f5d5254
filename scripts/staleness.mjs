// Which workspace packages need a build before `npm run demo` or `npm run bench`: a pure function
// over file times, so that it can be tested without touching the disk. See buildIfStale.mjs.

/**
 * @typedef {{ readonly path: string, readonly mtimeMs: number }} FileTime
 * @typedef {{
 *   readonly name: string,
 *   readonly inputs: readonly FileTime[],
 *   readonly outputs: readonly FileTime[],
 *   readonly dependsOn: readonly string[],
 * }} PackageFiles
 * @typedef {{ readonly name: string, readonly reason: string }} StaleBuild
 */

const newest = (files) => files.reduce((best, file) => (best === undefined || file.mtimeMs > best.mtimeMs ? file : best), undefined);
const oldest = (files) => files.reduce((best, file) => (best === undefined || file.mtimeMs < best.mtimeMs ? file : best), undefined);

/**
 * The packages `targets` need (themselves and their dependencies among `packages`), in build order,
 * that are out of date, each with the reason. A package is out of date when it has no build output,
 * when an input is newer than its oldest output, or when a dependency is rebuilt now or was built
 * after it.
 * @param {readonly PackageFiles[]} packages
 * @param {readonly string[]} targets
 * @returns {StaleBuild[]}
 */
export const staleBuilds = (packages, targets) => {
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  /** @type {PackageFiles[]} */
  const order = [];
  const visiting = new Set();
  const visit = (name, from) => {
    const pkg = byName.get(name);
    if (pkg === undefined) throw new Error(`unknown workspace package ${name}${from === undefined ? '' : ` (a dependency of ${from})`}`);
    if (order.includes(pkg)) return;
    if (visiting.has(name)) throw new Error(`workspace packages depend on each other in a cycle through ${name}`);
    visiting.add(name);
    for (const dependency of pkg.dependsOn) if (byName.has(dependency)) visit(dependency, name);
    visiting.delete(name);
    order.push(pkg);
  };
  for (const target of targets) visit(target, undefined);

  /** @type {StaleBuild[]} */
  const stale = [];
  for (const pkg of order) {
    const reason = reasonOf(pkg, byName, stale);
    if (reason !== undefined) stale.push({ name: pkg.name, reason });
  }
  return stale;
};

const reasonOf = (pkg, byName, stale) => {
  const built = oldest(pkg.outputs);
  if (built === undefined) return 'not built yet';
  const changed = newest(pkg.inputs);
  if (changed !== undefined && changed.mtimeMs > built.mtimeMs) return `sources changed: ${changed.path}`;
  for (const dependency of pkg.dependsOn) {
    if (!byName.has(dependency)) continue;
    if (stale.some((entry) => entry.name === dependency)) return `${dependency} is rebuilt`;
    const dependencyBuilt = newest(byName.get(dependency).outputs);
    if (dependencyBuilt !== undefined && dependencyBuilt.mtimeMs > built.mtimeMs) return `${dependency} was built after it`;
  }
  return undefined;
};
