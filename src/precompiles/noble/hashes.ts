/** The portable default hash backend: @noble/hashes SHA-256 and RIPEMD-160. */
import { sha256 } from '@noble/hashes/sha2.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import type { NamedBackends } from '../backends.js';

export const nobleHashes: NamedBackends['hashes'] = {
  name: '@noble/hashes',
  sha256: (data) => sha256(data),
  ripemd160: (data) => ripemd160(data),
};
