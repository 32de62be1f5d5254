import { readFileSync } from 'node:fs';

/**
 * The CLI's version, from its own package.json: read at run time so that it can never drift from
 * what npm installed. `src/` and `dist/` both sit one level below the package root.
 */
export const cliVersion = (): string => {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const version = typeof manifest === 'object' && manifest !== null ? (manifest as { version?: unknown }).version : undefined;
  if (typeof version !== 'string') throw new Error('the @ecoledger/cli package.json has no version');
  return version;
};
