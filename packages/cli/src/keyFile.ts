/**
 * The files `ecoledger verify` reads keys and heads from. Both live outside the database: that is
 * what makes them worth checking against.
 *
 * Key file (JSON): `{ "sealKeys": [{ "keyId": "k2026", "key": "<base64, >= 32 bytes>" }],
 * "headKeys": [{ "keyId": "h1", "publicKey": "<Ed25519 public key, PEM>" }] }`; either list may be absent.
 * Heads file: a JSON array of signed heads, or one per line (what `book.head()` returns).
 */
import { readFileSync } from 'node:fs';
import { headPublicKeyRing, isInvalidArgument, MIN_SEAL_KEY_BYTES, parseBookHeads, sealKeyRing, type HeadPublicKey, type SealKey, type SignedBookHead } from '@ecoledger/ledger';

/** A key or heads file the CLI cannot use. */
export class KeyFileError extends Error {
  override readonly name = 'KeyFileError';
}

/** An error's message, or `path: reason` for an invalid argument. */
const describe = (error: unknown): string =>
  isInvalidArgument(error) ? `${error.path}: ${error.reason}` : error instanceof Error ? error.message : String(error);

/** Largest key or heads file read, in bytes. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

const readText = (path: string, what: string): string => {
  try {
    const buffer = readFileSync(path);
    if (buffer.length > MAX_FILE_BYTES) throw new KeyFileError(`${what} ${path} is larger than ${MAX_FILE_BYTES} bytes`);
    return buffer.toString('utf8');
  } catch (error) {
    if (error instanceof KeyFileError) throw error;
    throw new KeyFileError(`cannot read ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
};

const listOf = (value: unknown, field: string, path: string): readonly Record<string, unknown>[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'object' && item !== null)) {
    throw new KeyFileError(`key file ${path}: "${field}" must be an array of objects`);
  }
  return value as Record<string, unknown>[];
};

/** Reads a key file: seal keys (secret) and head public keys. @throws KeyFileError */
export const readKeyFile = (path: string): { readonly sealKeys: readonly SealKey[]; readonly headKeys: readonly HeadPublicKey[] } => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readText(path, 'key file'));
  } catch (error) {
    if (error instanceof KeyFileError) throw error;
    throw new KeyFileError(`key file ${path} is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new KeyFileError(`key file ${path} must hold a JSON object`);
  const record = parsed as Record<string, unknown>;
  const sealKeys = listOf(record['sealKeys'], 'sealKeys', path).map((entry, i) => {
    const key = typeof entry['key'] === 'string' ? Buffer.from(entry['key'], 'base64') : undefined;
    if (key === undefined || key.length < MIN_SEAL_KEY_BYTES) {
      throw new KeyFileError(`key file ${path}: sealKeys[${i}].key must be base64 of at least ${MIN_SEAL_KEY_BYTES} bytes`);
    }
    return { keyId: entry['keyId'] as string, key: new Uint8Array(key) };
  });
  const headKeys = listOf(record['headKeys'], 'headKeys', path).map((entry) => ({ keyId: entry['keyId'] as string, publicKey: entry['publicKey'] as string }));
  try {
    sealKeyRing(sealKeys);
    headPublicKeyRing(headKeys);
  } catch (error) {
    throw new KeyFileError(`key file ${path}: ${describe(error)}`);
  }
  return { sealKeys, headKeys };
};

/** Reads a heads file. @throws KeyFileError */
export const readHeadFile = (path: string): readonly SignedBookHead[] => {
  try {
    return parseBookHeads(readText(path, 'heads file'));
  } catch (error) {
    if (error instanceof KeyFileError) throw error;
    throw new KeyFileError(`heads file ${path}: ${describe(error)}`);
  }
};
