/**
 * uuid v5 (SHA-1, RFC 9562) names, equal to `uuid`'s `v5(name, namespace)` for every string, at a
 * fraction of its cost: close of business derives four ids per contract, and `uuid` encodes each
 * name byte by byte and copies it before hashing. Here the namespace is parsed once, the name is
 * written as UTF-8 after it into a reused buffer, and node hashes it in one call. Names holding
 * surrogates go to `uuid` (a lone surrogate makes it throw, and that behaviour is kept).
 */
import * as crypto from 'node:crypto';
import { parse, v5 } from 'uuid';

const SURROGATE = /[\uD800-\uDFFF]/;
// One-shot hashing (`crypto.hash`, node >= 20.12) skips the Hash object; older nodes use createHash.
const oneShot = (crypto as { hash?: (algorithm: string, data: Buffer, encoding: 'hex') => string }).hash;
const sha1Hex = oneShot === undefined ? (data: Buffer): string => crypto.createHash('sha1').update(data).digest('hex') : (data: Buffer): string => oneShot('sha1', data, 'hex');
// The variant's top bits (10) over the high nibble of byte 8.
const VARIANT: Readonly<Record<string, string>> = Object.fromEntries([...'0123456789abcdef'].map((digit) => [digit, ((parseInt(digit, 16) & 0x3) | 0x8).toString(16)]));
// Reused across calls (hashing is synchronous); a name that may not fit gets a buffer of its own.
const scratch = Buffer.alloc(1024);

/** A v5 id maker bound to `namespace` (a uuid string): `name => v5(name, namespace)`. */
export const uuidV5In = (namespace: string): ((name: string) => string) => {
  const namespaceBytes = Buffer.from(parse(namespace));
  return (name) => {
    if (SURROGATE.test(name)) return v5(name, namespace);
    // At most 3 UTF-8 bytes per UTF-16 unit without surrogates.
    const buffer = 16 + 3 * name.length > scratch.length ? Buffer.alloc(16 + 3 * name.length) : scratch;
    namespaceBytes.copy(buffer, 0);
    const length = 16 + buffer.write(name, 16, 'utf8');
    const h = sha1Hex(buffer.subarray(0, length));
    // Version 5 in the high nibble of byte 6, the RFC variant in the top bits of byte 8.
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${VARIANT[h[16]!]!}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
};
