import * as t from 'io-ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A SHA-256 digest in lowercase hex. */
export const Sha256Hex: t.Type<string, string, unknown> = new t.Type<string, string, unknown>(
  'sha256 hex digest',
  (u): u is string => typeof u === 'string' && SHA256_HEX.test(u),
  (u, c) => (typeof u === 'string' && SHA256_HEX.test(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);
