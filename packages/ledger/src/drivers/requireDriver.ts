/**
 * Loads a database driver when an adapter is first used. The drivers are optional peer
 * dependencies of `@ecoledger/ledger`: a static `import` of a missing one fails with Node's bare
 * "Cannot find package", while this names the package to install, in ESM and CommonJS alike.
 */
import { createRequire } from 'node:module';
import { DriverNotInstalledError, type DriverPackage } from '../eventStore/errors.js';

// Resolved from this file, so the user's node_modules (where the peer is installed) is searched.
const requireFromHere = createRequire(import.meta.url);

/** Whether `error` says that `packageName` itself (not one of its own imports) was not found. */
const isMissing = (error: unknown, packageName: string): boolean =>
  error instanceof Error &&
  (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' &&
  error.message.includes(`'${packageName}'`);

/**
 * `require`s a driver package. @throws DriverNotInstalledError naming the package when it is not
 * installed; any other failure (a broken native build, say) is rethrown as it is.
 */
export const requireDriver = <Module>(packageName: DriverPackage): Module => {
  try {
    return requireFromHere(packageName) as Module;
  } catch (error) {
    if (isMissing(error, packageName)) throw new DriverNotInstalledError(packageName, { cause: error });
    throw error;
  }
};
