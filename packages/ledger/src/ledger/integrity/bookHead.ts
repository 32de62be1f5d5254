/**
 * Signed book heads (anchors). A head says "book B's stream S stood at revision R with hash H at
 * time T", signed with Ed25519. Kept outside the database (an auditor's copy, write-once storage,
 * a regulator), heads let verify catch what no chain can show by itself: the newest events, or a
 * whole book, deleted. Ed25519 rather than HMAC because heads are meant to leave the bank: whoever
 * checks one needs only the public key, and cannot mint heads with it.
 */
import { createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { InvalidArgumentError } from '../../eventStore/errors.js';
import { canonicalJson } from '../hashChain.js';
import { MAX_HEAD_KEYS, MAX_HEADS } from '../../limits.js';

/** Format tag of a head (signed with it, so a head of another format cannot pass). */
export const BOOK_HEAD_FORMAT = 'ecoledger-book-head/1';

/** A book's head: where its stream stands. Revisions are decimal strings. */
export interface BookHead {
  readonly format: typeof BOOK_HEAD_FORMAT;
  readonly bookId: string;
  readonly stream: string;
  readonly revision: string;
  readonly hash: string;
  /** ISO-8601 instant from the book's injected clock. */
  readonly at: string;
}

/** A head with its Ed25519 signature (base64) and the id of the key that made it. */
export interface SignedBookHead extends BookHead {
  readonly keyId: string;
  readonly signature: string;
}

/** The Ed25519 private key a book signs heads with (a `KeyObject` or PEM text). */
export interface HeadSigningKey {
  readonly keyId: string;
  readonly privateKey: KeyObject | string;
}

/** An Ed25519 public key that checks heads (a `KeyObject` or PEM text). */
export interface HeadPublicKey {
  readonly keyId: string;
  readonly publicKey: KeyObject | string;
}

/** Most head public keys one verify run accepts. */
export { MAX_HEAD_KEYS };

/** Most heads one verify run accepts. */
export { MAX_HEADS };

const ed25519 = (key: KeyObject, path: string): KeyObject => {
  if (key.asymmetricKeyType !== 'ed25519') throw new InvalidArgumentError(path, `expected an Ed25519 key, got ${key.asymmetricKeyType ?? key.type}`);
  return key;
};

/** A `KeyObject` from a `KeyObject` or PEM text. @throws InvalidArgumentError at `path` */
const keyObjectOf = (key: unknown, kind: 'private' | 'public', path: string): KeyObject => {
  if (key instanceof KeyObject) return kind === 'public' && key.type === 'private' ? createPublicKey(key) : key;
  if (typeof key !== 'string') throw new InvalidArgumentError(path, 'expected a KeyObject or PEM text');
  try {
    return kind === 'private' ? createPrivateKey(key) : createPublicKey(key);
  } catch (error) {
    throw new InvalidArgumentError(path, `not a readable ${kind} key (${error instanceof Error ? error.message : String(error)})`);
  }
};

/** Normalizes a signing key. @throws InvalidArgumentError unless it is an Ed25519 private key with an id. */
export const headSigningKeyOf = (key: HeadSigningKey): { readonly keyId: string; readonly privateKey: KeyObject } => {
  if (typeof key?.keyId !== 'string' || key.keyId.length === 0) throw new InvalidArgumentError('$.headKey.keyId', 'expected a non-empty string');
  const privateKey = keyObjectOf(key.privateKey, 'private', '$.headKey.privateKey');
  if (privateKey.type !== 'private') throw new InvalidArgumentError('$.headKey.privateKey', 'expected a private key');
  return { keyId: key.keyId, privateKey: ed25519(privateKey, '$.headKey.privateKey') };
};

/** Public keys by id. @throws InvalidArgumentError unless each is an Ed25519 public key with a distinct id. */
export const headPublicKeyRing = (keys: readonly HeadPublicKey[]): ReadonlyMap<string, KeyObject> => {
  const ring = new Map<string, KeyObject>();
  if (!Array.isArray(keys)) throw new InvalidArgumentError('$.headKeys', 'expected an array of { keyId, publicKey }');
  if (keys.length > MAX_HEAD_KEYS) throw new InvalidArgumentError('$.headKeys', `at most ${MAX_HEAD_KEYS} keys, got ${keys.length}`);
  keys.forEach((key, i) => {
    if (typeof key?.keyId !== 'string' || key.keyId.length === 0 || ring.has(key.keyId)) {
      throw new InvalidArgumentError(`$.headKeys[${i}].keyId`, 'expected a distinct non-empty id');
    }
    ring.set(key.keyId, ed25519(keyObjectOf(key.publicKey, 'public', `$.headKeys[${i}].publicKey`), `$.headKeys[${i}].publicKey`));
  });
  return ring;
};

/** The bytes a head's signature covers: its canonical JSON with the key id, without the signature. */
const signedText = (head: BookHead, keyId: string): Buffer =>
  Buffer.from(
    canonicalJson({ at: head.at, bookId: head.bookId, format: head.format, hash: head.hash, keyId, revision: head.revision, stream: head.stream }),
    'utf8',
  );

/** Signs a head. */
export const signBookHead = (head: BookHead, key: HeadSigningKey): SignedBookHead => {
  const { keyId, privateKey } = headSigningKeyOf(key);
  return { ...head, keyId, signature: sign(null, signedText(head, keyId), privateKey).toString('base64') };
};

const HEX64 = /^[0-9a-f]{64}$/;
const REVISION = /^(0|[1-9][0-9]{0,19})$/;

/** Why `value` is not a well-formed signed head, or `undefined`. */
const shapeProblem = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected an object';
  const head = value as Record<string, unknown>;
  if (head['format'] !== BOOK_HEAD_FORMAT) return `expected format ${BOOK_HEAD_FORMAT}`;
  for (const field of ['bookId', 'stream', 'at', 'keyId', 'signature'] as const) {
    if (typeof head[field] !== 'string' || (head[field] as string).length === 0) return `expected a non-empty string ${field}`;
  }
  if (typeof head['revision'] !== 'string' || !REVISION.test(head['revision'])) return 'expected a decimal revision';
  if (typeof head['hash'] !== 'string' || !HEX64.test(head['hash'])) return 'expected a 64-digit hex hash';
  return undefined;
};

/**
 * Parses a heads file: a JSON array of signed heads, or one signed head per line (JSON Lines, so
 * heads can be appended as they are taken). @throws InvalidArgumentError naming the first malformed head.
 */
export const parseBookHeads = (text: string): SignedBookHead[] => {
  const trimmed = text.trim();
  const parse = (json: string, path: string): unknown => {
    try {
      return JSON.parse(json) as unknown;
    } catch {
      throw new InvalidArgumentError(path, 'not JSON');
    }
  };
  const values = trimmed.startsWith('[')
    ? parse(trimmed, '$.heads')
    : trimmed.split('\n').filter((line) => line.trim().length > 0).map((line, i) => parse(line, `$.heads[${i}]`));
  if (!Array.isArray(values)) throw new InvalidArgumentError('$.heads', 'expected an array of heads');
  if (values.length > MAX_HEADS) throw new InvalidArgumentError('$.heads', `at most ${MAX_HEADS} heads, got ${values.length}`);
  values.forEach((value: unknown, i) => {
    const problem = shapeProblem(value);
    if (problem !== undefined) throw new InvalidArgumentError(`$.heads[${i}]`, problem);
  });
  return values as SignedBookHead[];
};

/** Why a head's signature does not hold under `keys`, or `undefined` when it does. */
export const headSignatureProblem = (head: SignedBookHead, keys: ReadonlyMap<string, KeyObject>): string | undefined => {
  const shape = shapeProblem(head);
  if (shape !== undefined) return shape;
  const key = keys.get(head.keyId);
  if (key === undefined) return `signed with key ${head.keyId}, which was not given`;
  const valid = verify(null, signedText(head, head.keyId), key, Buffer.from(head.signature, 'base64'));
  return valid ? undefined : `the signature does not hold under key ${head.keyId} (edited or forged head)`;
};
