/** keccak256 over @noble/hashes (see README dependency table for why this library). */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToBigint } from '../util/hex.js';

export function keccak256(data: Uint8Array): Uint8Array {
  return keccak_256(data);
}

/** keccak256 of the empty string: the code hash of an account without code. */
export const KECCAK_EMPTY: Uint8Array = keccak256(new Uint8Array(0));

/** keccak256 of RLP("") (0x80): the root of an empty trie. */
export const EMPTY_TRIE_ROOT: Uint8Array = keccak256(Uint8Array.of(0x80));

/** keccak256 as a 256-bit word. */
export function keccak256Word(data: Uint8Array): bigint {
  return bytesToBigint(keccak_256(data));
}
